using System.Text.Json;
using Azure.Storage.Queues;
using Enforcement.Functions.Storage;

namespace Enforcement.Functions.Feeds;

/// <summary>Asks for a month's feeds to be built: one message on queue "feed-builds", processed by FeedBuild.</summary>
internal sealed class FeedBuildRequests(QueueServiceClient queues, StorageNames names, TimeProvider time)
{
    public const string Scheduled = "schedule";
    public const string Requested = "admin";
    public const string Retried = "busy-retry";

    private readonly QueueClient _queue = queues.GetQueueClient(names.Queue(StorageNames.Queues.FeedBuilds));

    public Task EnqueueAsync(string month, string reason, CancellationToken cancellationToken, TimeSpan? delay = null) =>
        _queue.SendMessageAsync(
            JsonSerializer.Serialize(new FeedBuildRequest(month, reason, time.GetUtcNow()), FeedJsonContext.Default.FeedBuildRequest),
            visibilityTimeout: delay,
            cancellationToken: cancellationToken);
}
