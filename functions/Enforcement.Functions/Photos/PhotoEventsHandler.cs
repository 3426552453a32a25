using Enforcement.Functions.Events;

namespace Enforcement.Functions.Photos;

/// <summary>Takes photo.withdrawn off the record event pipeline, which nothing else consumes yet (webhooks take
/// photo.ready), so that the pipeline does not poison it for want of a handler.</summary>
internal sealed class PhotoEventsHandler(ILogger<PhotoEventsHandler> logger) : IRecordEventHandler
{
    public bool Handles(string eventType) => eventType is RecordEventTypes.PhotoWithdrawn;

    public Task HandleAsync(RecordEvent recordEvent, CancellationToken cancellationToken)
    {
        logger.LogInformation("Photo event {EventId} ({EventType})", recordEvent.EventId, recordEvent.Type);
        return Task.CompletedTask;
    }
}
