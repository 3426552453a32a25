using Enforcement.Functions.Events;

namespace Enforcement.Functions.Cases;

/// <summary>Takes the case events (case.opened, case.assigned, deadline notices...) off the record event pipeline until
/// the inbox subscribes to them, so that the pipeline does not poison them for want of a handler.</summary>
internal sealed class CaseEventsHandler(ILogger<CaseEventsHandler> logger) : IRecordEventHandler
{
    public bool Handles(string eventType) => eventType.StartsWith("case.", StringComparison.Ordinal);

    public Task HandleAsync(RecordEvent recordEvent, CancellationToken cancellationToken)
    {
        logger.LogInformation("Case event {EventId} ({EventType})", recordEvent.EventId, recordEvent.Type);
        return Task.CompletedTask;
    }
}
