using Cronos;
using Microsoft.Azure.Functions.Worker;

namespace Enforcement.Functions.Hosting.Standalone;

/// <summary>Runs one timer-triggered function on its six-field NCRONTAB schedule (UTC), as the host would.</summary>
internal sealed class TimerTriggerScheduler(TriggeredFunction function, TriggeredFunctions functions, string schedule, TimeProvider time, ILogger logger)
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
                var timer = new TimerInfo
                {
                    IsPastDue = time.GetUtcNow() - next.Value > TimeSpan.FromMinutes(1),
                    ScheduleStatus = new ScheduleStatus { Last = now.UtcDateTime, Next = next.Value.UtcDateTime, LastUpdated = time.GetUtcNow().UtcDateTime },
                };
                await functions.InvokeTimerAsync(function.Name, timer, stoppingToken);
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
