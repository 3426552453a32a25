namespace Enforcement.Functions.Events;

/// <summary>
/// A consumer of the record event pipeline (queue "seizure-events"). Every handler whose <see cref="Handles"/> is true
/// runs for each event; delivery is at least once, so handlers must be idempotent and throw on failure.
/// </summary>
internal interface IRecordEventHandler
{
    bool Handles(string eventType);

    Task HandleAsync(RecordEvent recordEvent, CancellationToken cancellationToken);
}
