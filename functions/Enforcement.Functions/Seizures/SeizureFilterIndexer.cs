using Enforcement.Functions.Events;

namespace Enforcement.Functions.Seizures;

/// <summary>Brings the listing filters up to date from the record's current state (not the event), so duplicates and
/// out-of-order delivery converge.</summary>
internal sealed class SeizureFilterIndexer(SeizureStore store, SeizureFilterIndex index) : IRecordEventHandler
{
    public bool Handles(string eventType) => eventType is RecordEventTypes.SeizureRecorded or RecordEventTypes.SeizureUpdated;

    public async Task HandleAsync(RecordEvent recordEvent, CancellationToken cancellationToken)
    {
        if (!SeizureId.TryParse(recordEvent.RecordId, out var id))
        {
            throw new InvalidOperationException("The event names no valid seizure id.");
        }

        var stored = await store.GetAsync(id.Value, cancellationToken)
            ?? throw new InvalidOperationException($"Seizure {id} of event {recordEvent.EventId} does not exist.");
        await index.IndexAsync(stored.Entity, SeizureMapping.ReadFacts(stored.Entity), cancellationToken);
    }
}
