using Enforcement.Functions.Events;

namespace Enforcement.Functions.Photos;

/// <summary>Takes photo events off the record event pipeline until webhooks and feeds consume them, so that the
/// pipeline does not poison them for want of a handler.</summary>
internal sealed class PhotoEventsHandler(ILogger<PhotoEventsHandler> logger) : IRecordEventHandler
{
    public bool Handles(string eventType) => eventType is RecordEventTypes.PhotoReady or RecordEventTypes.PhotoWithdrawn;

    public Task HandleAsync(RecordEvent recordEvent, CancellationToken cancellationToken)
    {
        logger.LogInformation("Photo event {EventId} ({EventType})", recordEvent.EventId, recordEvent.Type);
        return Task.CompletedTask;
    }
}
