using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Enforcement.Functions.Seizures;
using Microsoft.Extensions.Options;

namespace Enforcement.Functions.Feeds;

/// <summary>
/// Queue "feed-builds": builds every scope of the month a message names. Idempotent (an unchanged month keeps its
/// version); throws on failure so the message is retried and finally poisoned. When another build of the month holds
/// its lock, the request is put back on the queue for later instead of failing.
/// </summary>
internal sealed class FeedBuildFunction(FeedBuilder builder, FeedBuildRequests requests, IOptions<FeedOptions> options, ILogger<FeedBuildFunction> logger)
{
    [Function("FeedBuild")]
    public async Task RunAsync([QueueTrigger("%FeedBuildsQueue%")] string message, CancellationToken cancellationToken)
    {
        var request = JsonSerializer.Deserialize(message, FeedJsonContext.Default.FeedBuildRequest);
        if (request is null || !SeizureMonth.TryParse(request.Month, out var month))
        {
            throw new InvalidOperationException("The message is not a feed build request with a month YYYY-MM.");
        }

        var outcomes = await builder.BuildAsync(month, cancellationToken);
        if (outcomes is null)
        {
            logger.LogInformation("Another build of {Month} is running; asking again in {Delay}", month, options.Value.BusyRetryDelay);
            await requests.EnqueueAsync(month, FeedBuildRequests.Retried, cancellationToken, options.Value.BusyRetryDelay);
            return;
        }

        foreach (var outcome in outcomes.Where(o => o.Published))
        {
            logger.LogInformation("Published feed {Scope}/{Month} version {Version} with {Records} seizures", outcome.Scope, month, outcome.Version, outcome.RecordCount);
        }
    }
}
