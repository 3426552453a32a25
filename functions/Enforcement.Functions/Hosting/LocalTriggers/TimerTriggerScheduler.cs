using Cronos;
using Enforcement.Functions.Hosting.FunctionApp;

namespace Enforcement.Functions.Hosting.LocalTriggers;

/// <summary>Runs one timer-triggered function on its six-field NCRONTAB schedule (UTC), as the host would.</summary>
internal sealed class TimerTriggerScheduler(ITimerFunction function, string schedule, TimeProvider time, ILogger logger)
{
    private readonly CronExpression _expression = CronExpression.Parse(schedule, CronFormat.IncludeSeconds);

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var next = _expression.GetNextOccurrence(now, TimeZoneInfo.Utc);
            if (next is null)
            {
                return;
            }

            try
            {
                await Task.Delay(next.Value - now, time, stoppingToken);
                await function.RunAsync(new TimerTrigger(time.GetUtcNow() - next.Value > TimeSpan.FromMinutes(1), next), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Timer function {Function} failed", function.Name);
            }
        }
    }
}
