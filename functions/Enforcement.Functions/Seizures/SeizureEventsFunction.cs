using System.Text.Json;
using Enforcement.Functions.Events;
using Enforcement.Functions.Hosting.FunctionApp;

namespace Enforcement.Functions.Seizures;

/// <summary>
/// Queue "seizure-events": one message per recorded or updated seizure. Brings the listing filters up to date
/// from the record's current state (not the message), so duplicates and out-of-order delivery converge.
/// Throws on anything it cannot process, so the message is retried and finally poisoned, never dropped.
/// </summary>
internal sealed class SeizureEventsFunction(SeizureStore store, SeizureFilterIndex index, ILogger<SeizureEventsFunction> logger) : IQueueFunction
{
    public string Name => "SeizureEvents";

    public async Task RunAsync(QueueTrigger trigger, CancellationToken cancellationToken)
    {
        var recordEvent = JsonSerializer.Deserialize(trigger.MessageText, EventJsonContext.Default.RecordEvent)
            ?? throw new InvalidOperationException("The message is not a record event.");
        if (recordEvent.Type is not (RecordEventTypes.SeizureRecorded or RecordEventTypes.SeizureUpdated))
        {
            throw new InvalidOperationException($"Unknown event type '{recordEvent.Type}'.");
        }

        if (!SeizureId.TryParse(recordEvent.RecordId, out var id))
        {
            throw new InvalidOperationException("The event names no valid seizure id.");
        }

        var stored = await store.GetAsync(id.Value, cancellationToken)
            ?? throw new InvalidOperationException($"Seizure {id} of event {recordEvent.EventId} does not exist.");
        await index.IndexAsync(stored.Entity, SeizureMapping.ReadFacts(stored.Entity), cancellationToken);
        logger.LogInformation("Indexed seizure {SeizureId} version {Version} for event {EventId}", id, stored.Entity.Version, recordEvent.EventId);
    }
}
