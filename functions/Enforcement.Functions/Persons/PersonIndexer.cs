using Enforcement.Functions.Events;

namespace Enforcement.Functions.Persons;

/// <summary>The index's repair path: on every suspect or company event, brings the record's index rows up to date from
/// its current state (not the event's), so duplicates and out-of-order delivery converge.</summary>
internal sealed class PersonIndexer(PersonStore store) : IRecordEventHandler
{
    public bool Handles(string eventType) => PersonKind.FromEvent(eventType) is not null;

    public async Task HandleAsync(RecordEvent recordEvent, CancellationToken cancellationToken)
    {
        if (!PersonId.TryParse(recordEvent.RecordId, PersonKind.FromEvent(recordEvent.Type), out var id))
        {
            throw new InvalidOperationException("The event names no valid person id.");
        }

        await store.ReindexAsync(id.Value, cancellationToken);
    }
}
