namespace Enforcement.Functions.Events;

/// <summary>
/// Cross-partition work that must be done after a record's commit and before its outbox marker is cleared, e.g. the
/// index rows a listing reads. It runs in the publisher right after the response and again in the relay if the
/// process died first, so it must be idempotent; while it has not run, the marker stays, and readers that merge
/// markers (read-your-writes) still see the record. It takes what it needs from the markers (no reads), and a
/// whole batch at once, so that it can write in entity-group transactions.
/// </summary>
internal interface ICommitFollowUp
{
    bool Handles(string eventType);

    Task RunAsync(IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken);
}
