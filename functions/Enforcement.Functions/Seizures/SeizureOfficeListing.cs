using Enforcement.Functions.Events;

namespace Enforcement.Functions.Seizures;

/// <summary>After a seizure's commit: its office's listing rows, before the outbox marker is cleared (read-your-writes
/// for the officer's own office listing; the other filters follow through the event queue).</summary>
internal sealed class SeizureOfficeListing(SeizureFilterIndex index) : ICommitFollowUp
{
    public bool Handles(string eventType) => eventType is RecordEventTypes.SeizureRecorded or RecordEventTypes.SeizureUpdated;

    public Task RunAsync(IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken) => index.WriteOfficeRowsAsync(entries, cancellationToken);
}
