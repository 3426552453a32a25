using System.Globalization;
using System.Text.Json.Nodes;

namespace Enforcement.Functions.Webhooks;

internal static class WebhookMapping
{
    public static string ETagFor(WebhookSubscriptionEntity entity) => string.Create(CultureInfo.InvariantCulture, $"\"{entity.Revision}\"");

    public static WebhookSubscription ToContract(WebhookSubscriptionEntity entity, string? secret = null) => new()
    {
        Id = entity.RowKey,
        Owner = entity.Owner,
        Url = entity.Url,
        Events = entity.EventList,
        Filter = new WebhookFilter { Categories = entity.CategoryList, Countries = entity.CountryList },
        Description = entity.Description,
        Scope = entity.Scope,
        Status = entity.Status,
        DisabledReason = entity.DisabledReason,
        DisabledAt = entity.DisabledAt,
        FailingSince = entity.FailingSince,
        CreatedAt = entity.CreatedAt,
        UpdatedAt = entity.UpdatedAt,
        SecretRotatedAt = entity.SecretRotatedAt,
        PreviousSecretExpiresAt = entity.PreviousSecretExpiresAt,
        ETag = ETagFor(entity),
        Secret = secret,
    };

    /// <summary>The subscription in the request's shape, the document a merge patch applies to.</summary>
    public static JsonObject ToRequestNode(WebhookSubscriptionEntity entity) => new()
    {
        ["url"] = entity.Url,
        ["events"] = new JsonArray([.. entity.EventList.Select(e => (JsonNode)JsonValue.Create(e))]),
        ["filter"] = new JsonObject
        {
            ["categories"] = new JsonArray([.. entity.CategoryList.Select(c => (JsonNode)JsonValue.Create(c))]),
            ["countries"] = new JsonArray([.. entity.CountryList.Select(c => (JsonNode)JsonValue.Create(c))]),
        },
        ["description"] = entity.Description,
        ["scope"] = entity.Scope,
        ["active"] = entity.IsActive,
    };

    public static WebhookDelivery ToContract(WebhookDeliveryEntity entity, bool withAttemptLog) => new()
    {
        Id = entity.RowKey,
        EventId = entity.EventId,
        EventType = entity.EventType,
        RecordId = entity.RecordId,
        OccurredAt = entity.OccurredAt,
        Status = entity.Status,
        Attempts = entity.Attempts,
        LastStatusCode = entity.LastStatusCode,
        LastDurationMs = entity.LastDurationMs,
        LastError = entity.LastError,
        LastAttemptAt = entity.LastAttemptAt,
        NextAttemptAt = entity.NextAttemptAt,
        DeliveredAt = entity.DeliveredAt,
        DeadLettered = entity.DeadLettered,
        Redeliveries = entity.Redeliveries,
        CreatedAt = entity.CreatedAt,
        AttemptLog = withAttemptLog ? WebhookDeliveryLog.ReadHistory(entity) : null,
    };
}
