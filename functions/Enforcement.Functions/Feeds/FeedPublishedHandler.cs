using Enforcement.Functions.Events;

namespace Enforcement.Functions.Feeds;

/// <summary>Takes feed.published events off the record event pipeline. Nothing consumes them yet (partner webhooks
/// will); logging them keeps the pipeline from poisoning a type that no handler takes.</summary>
internal sealed class FeedPublishedHandler(ILogger<FeedPublishedHandler> logger) : IRecordEventHandler
{
    public bool Handles(string eventType) => eventType == RecordEventTypes.FeedPublished;

    public Task HandleAsync(RecordEvent recordEvent, CancellationToken cancellationToken)
    {
        logger.LogInformation("Feed {Feed} version {Version} published", recordEvent.RecordId, recordEvent.Version);
        return Task.CompletedTask;
    }
}
