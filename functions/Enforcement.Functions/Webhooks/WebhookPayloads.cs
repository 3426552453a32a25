using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Azure.Data.Tables;
using Enforcement.Functions.Events;
using Enforcement.Functions.Http;
using Enforcement.Functions.Seizures;
using Enforcement.Functions.Storage;

namespace Enforcement.Functions.Webhooks;

/// <summary>
/// The body of a delivery: <c>{id, type, timestamp, data}</c>. For seizure events <c>data</c> is the record as it was
/// at the event's version (read from its immutable history row, so every attempt sends the same body), projected to
/// the subscription's scope. Other events carry a pointer: the record id (and version).
/// </summary>
internal sealed class WebhookPayloads(SeizureReader seizures, Alerts.AlertStore alerts)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    /// <summary>The seizure's facts at the event's version, or null if that version does not exist.</summary>
    public Task<SeizureFacts?> SeizureAtAsync(string recordId, int version, CancellationToken cancellationToken) =>
        seizures.FactsAtAsync(recordId, version, cancellationToken);

    /// <summary>The partner view of an alert, or null when it may not leave (H2/H3, nominal, or gone): handling is
    /// checked again at every attempt, not only when the event was published.</summary>
    public async Task<JsonNode?> PartnerAlertAsync(string alertId, CancellationToken cancellationToken) =>
        await alerts.GetAsync(alertId, cancellationToken) is { } alert && Alerts.PartnerAlertView.MayLeave(alert)
            ? JsonSerializer.SerializeToNode(Alerts.PartnerAlertView.From(alert), Json)
            : null;

    public static byte[] Envelope(WebhookDeliveryEntity delivery, string scope, SeizureFacts? facts, JsonNode? alert = null)
    {
        JsonNode? data = delivery.EventType switch
        {
            RecordEventTypes.AlertPublished when alert is not null => alert,
            _ when WebhookEventTypes.IsSeizureEvent(delivery.EventType) && facts is not null => scope == WebhookScopes.Nominal
                ? JsonSerializer.SerializeToNode(new NominalSeizureView(delivery.RecordId, delivery.Version, facts), Json)
                : JsonSerializer.SerializeToNode(PartnerSeizureView.From(delivery.RecordId, delivery.Version, facts), Json),
            RecordEventTypes.WebhookPing => new JsonObject { ["subscriptionId"] = delivery.PartitionKey },
            _ => new JsonObject { ["id"] = delivery.RecordId, ["version"] = delivery.Version },
        };
        var envelope = new JsonObject
        {
            ["id"] = delivery.RowKey,
            ["type"] = delivery.EventType,
            ["timestamp"] = delivery.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["data"] = data,
        };
        return JsonSerializer.SerializeToUtf8Bytes(envelope, Json);
    }

    /// <summary>Whether a seizure passes the subscription's filter: one of its categories among the items and one
    /// of its countries on the route (departure, transit or destination). An empty list matches anything.</summary>
    public static bool Matches(WebhookSubscriptionEntity subscription, SeizureFacts facts)
    {
        var categories = subscription.CategoryList;
        if (categories.Count > 0 && !(facts.Items ?? []).Any(i => i.Category is { } c && categories.Contains(c, StringComparer.Ordinal)))
        {
            return false;
        }

        var countries = subscription.CountryList;
        if (countries.Count == 0)
        {
            return true;
        }

        var route = facts.Route;
        IEnumerable<string?> touched = route is null ? [] : [route.DepartureCountry, route.DestinationCountry, .. route.TransitCountries ?? []];
        return touched.Any(c => c is not null && countries.Contains(c, StringComparer.Ordinal));
    }
}
