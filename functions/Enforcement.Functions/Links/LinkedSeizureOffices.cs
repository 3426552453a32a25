using Enforcement.Functions.Events;
using Enforcement.Functions.Seizures;

namespace Enforcement.Functions.Links;

/// <summary>When a correction moves a seizure to another office, its links carry the new office, so that access to
/// the linked persons follows the seizure.</summary>
internal sealed class LinkedSeizureOffices(SeizureStore seizures, LinkStore links) : IRecordEventHandler
{
    public bool Handles(string eventType) => eventType == RecordEventTypes.SeizureUpdated;

    public async Task HandleAsync(RecordEvent recordEvent, CancellationToken cancellationToken)
    {
        if (!SeizureId.TryParse(recordEvent.RecordId, out var id))
        {
            throw new InvalidOperationException("The event names no valid seizure id.");
        }

        var seizure = await seizures.GetAsync(id.Value, cancellationToken)
            ?? throw new InvalidOperationException($"Seizure {id} of event {recordEvent.EventId} does not exist.");
        await links.FollowSeizureOfficeAsync(seizure.Entity.RowKey, seizure.Entity.Office, cancellationToken);
    }
}
