using System.Text.Json;
using System.Text.Json.Serialization;

namespace Enforcement.Functions.Events;

/// <summary>
/// The queue message for a change to a record: a pointer, not a payload (queue messages are limited to 64 KiB).
/// <see cref="EventId"/> ("{recordId}.v{version}") is stable across retries and relays, so consumers can deduplicate.
/// </summary>
internal sealed record RecordEvent(string EventId, string Type, string RecordId, int Version, DateTimeOffset OccurredAt)
{
    public static string IdFor(string recordId, int version) => $"{recordId}.v{version}";
}

internal static class RecordEventTypes
{
    public const string SeizureRecorded = "seizure.recorded";
    public const string SeizureUpdated = "seizure.updated";
    public const string PhotoReady = "photo.ready";
    public const string FeedPublished = "feed.published";
    public const string WebhookPing = "webhook.ping";
    public const string SuspectRecorded = "suspect.recorded";
    public const string SuspectUpdated = "suspect.updated";
    public const string CompanyRecorded = "company.recorded";
    public const string CompanyUpdated = "company.updated";

    /// <summary>A seizure's link to a suspect or company was made, changed or removed (record id "{seizure}|{person}").</summary>
    public const string LinkChanged = "link.changed";

    public const string PhotoWithdrawn = "photo.withdrawn";

    /// <summary>A non-nominal H0/H1 alert was published (record id: the alert id); partners may subscribe.</summary>
    public const string AlertPublished = "alert.published";
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(RecordEvent))]
internal sealed partial class EventJsonContext : JsonSerializerContext;
