using Enforcement.Functions.Events;

namespace Enforcement.Functions.Webhooks;

/// <summary>The event types a partner can subscribe to.</summary>
internal static class WebhookEventTypes
{
    public static readonly string[] All =
    [
        RecordEventTypes.SeizureRecorded,
        RecordEventTypes.SeizureUpdated,
        RecordEventTypes.PhotoReady,
        RecordEventTypes.FeedPublished,
        RecordEventTypes.WebhookPing,
        RecordEventTypes.AlertPublished,
    ];

    public static bool IsSeizureEvent(string type) => type is RecordEventTypes.SeizureRecorded or RecordEventTypes.SeizureUpdated;
}
