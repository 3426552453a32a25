using Enforcement.Functions.Hosting.FunctionApp;

namespace Enforcement.Functions.Audit;

/// <summary>Timer: anchors the heads of today's and yesterday's audit chains (yesterday's last entries included).</summary>
internal sealed class AuditAnchorFunction(AuditAnchors anchors, TimeProvider time) : ITimerFunction
{
    public string Name => "AuditAnchor";

    public async Task RunAsync(TimerTrigger trigger, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await anchors.AnchorAsync(AuditTrail.DayOf(now.AddDays(-1)), cancellationToken);
        await anchors.AnchorAsync(AuditTrail.DayOf(now), cancellationToken);
    }
}
