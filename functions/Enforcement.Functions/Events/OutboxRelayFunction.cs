using Microsoft.Azure.Functions.Worker;

namespace Enforcement.Functions.Events;

/// <summary>Timer (every minute): a thin shell over <see cref="EventOutbox.RelayPendingAsync"/>, which publishes the
/// events of writes whose publishing was cut short.</summary>
internal sealed class OutboxRelayFunction(EventOutbox outbox, ILogger<OutboxRelayFunction> logger)
{
    [Function("OutboxRelay")]
    public async Task RunAsync([TimerTrigger("%OutboxRelaySchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var result = await outbox.RelayPendingAsync(cancellationToken);
        if (result.Published + result.Abandoned > 0)
        {
            logger.LogInformation("Outbox relay published {Published}, dropped {Abandoned}, left {Waiting} in flight", result.Published, result.Abandoned, result.Waiting);
        }
    }
}
