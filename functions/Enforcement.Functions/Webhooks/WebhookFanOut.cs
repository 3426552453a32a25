using Enforcement.Functions.Events;

namespace Enforcement.Functions.Webhooks;

/// <summary>
/// Turns a record event into one delivery per matching active subscription: the subscribers of the event type
/// (an index partition, not a scan), narrowed by their filters for seizure events. A webhook.ping event names its one
/// subscription as the record. Idempotent: a repeated event finds the deliveries it made before.
/// </summary>
internal sealed class WebhookFanOut(
    WebhookSubscriptionStore subscriptions,
    WebhookDeliveryLog deliveries,
    WebhookPayloads payloads,
    ILogger<WebhookFanOut> logger) : IRecordEventHandler
{
    public bool Handles(string eventType) => WebhookEventTypes.All.Contains(eventType, StringComparer.Ordinal);

    public async Task HandleAsync(RecordEvent recordEvent, CancellationToken cancellationToken)
    {
        IReadOnlyList<WebhookSubscriptionEntity> targets = recordEvent.Type == RecordEventTypes.WebhookPing
            ? await subscriptions.FindAsync(recordEvent.RecordId, cancellationToken) is { } pinged ? [pinged] : []
            : await subscriptions.SubscribersAsync(recordEvent.Type, cancellationToken);
        targets = targets.Where(s => s.IsActive).ToList();
        if (targets.Count == 0)
        {
            return;
        }

        if (WebhookEventTypes.IsSeizureEvent(recordEvent.Type))
        {
            var facts = await payloads.SeizureAtAsync(recordEvent.RecordId, recordEvent.Version, cancellationToken)
                ?? throw new InvalidOperationException($"Seizure version of event {recordEvent.EventId} does not exist.");
            targets = targets.Where(s => WebhookPayloads.Matches(s, facts)).ToList();
        }

        await Parallel.ForEachAsync(targets, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (subscription, ct) => await deliveries.CreateAndQueueAsync(subscription, recordEvent, ct));
        if (targets.Count > 0)
        {
            logger.LogInformation("Event {EventId} ({EventType}) queued for {Subscriptions} webhook subscriptions", recordEvent.EventId, recordEvent.Type, targets.Count);
        }
    }
}
