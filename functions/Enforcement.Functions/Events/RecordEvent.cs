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
    public const string FeedPublished = "feed.published";
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(RecordEvent))]
internal sealed partial class EventJsonContext : JsonSerializerContext;
