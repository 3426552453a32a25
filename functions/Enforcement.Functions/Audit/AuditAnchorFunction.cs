using Microsoft.Azure.Functions.Worker;

namespace Enforcement.Functions.Audit;

/// <summary>Timer: anchors the heads of today's and yesterday's audit chains (yesterday's last entries included).</summary>
internal sealed class AuditAnchorFunction(AuditAnchors anchors, TimeProvider time)
{
    [Function("AuditAnchor")]
    public async Task RunAsync([TimerTrigger("%AuditAnchorSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await anchors.AnchorAsync(AuditTrail.DayOf(now.AddDays(-1)), cancellationToken);
        await anchors.AnchorAsync(AuditTrail.DayOf(now), cancellationToken);
    }
}
