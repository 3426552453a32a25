using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Enforcement.Functions.Feeds;

/// <summary>
/// Timer "FeedBuilder" (daily at 02:30 UTC): asks for the last completed months to be built, the previous month and
/// the one before it. On the first night of a month that is the first build of the month just ended; every other
/// night it picks up late reports and corrections (a month whose content did not change keeps its version). The
/// builds themselves run on queue "feed-builds", one message per month, so a long build never holds the timer.
/// </summary>
internal sealed class FeedBuilderTimer(FeedBuildRequests requests, IOptions<FeedOptions> options, TimeProvider time, ILogger<FeedBuilderTimer> logger)
{
    [Function("FeedBuilder")]
    public async Task RunAsync([TimerTrigger("%FeedBuilderSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var current = FeedMonths.Of(time.GetUtcNow());
        for (var back = options.Value.NightlyMonths; back >= 1; back--)
        {
            var month = FeedMonths.Add(current, -back);
            await requests.EnqueueAsync(month, FeedBuildRequests.Scheduled, cancellationToken);
            logger.LogInformation("Asked for the {Month} feeds to be built", month);
        }
    }
}
