using Azure.Storage.Queues;
using Enforcement.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Enforcement.Functions.Hosting.Standalone;

/// <summary>Standalone stand-in for the Functions host's queue and timer triggers: one listener per queue function,
/// one scheduler per timer function, configured from their attributes (%AppSetting% resolved) and host.json.</summary>
internal sealed class StandaloneTriggerHost(
    TriggeredFunctions functions,
    HostJson hostJson,
    QueueServiceClient queues,
    StorageNames names,
    IOptions<StandaloneTriggerOptions> options,
    TimeProvider time,
    ILoggerFactory loggers) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return Task.CompletedTask;
        }

        var logger = loggers.CreateLogger<StandaloneTriggerHost>();
        var runs = new List<Task>();
        foreach (var function in TriggeredFunctions.All.Where(f => !settings.DisabledFunctions.Contains(f.Name, StringComparer.Ordinal)))
        {
            if (function.Queue is { } queue)
            {
                var queueName = names.Queue(functions.Resolve(queue.QueueName));
                var listener = new QueueTriggerListener(function, functions,
                    queues.GetQueueClient(queueName), queues.GetQueueClient(queueName + "-poison"),
                    hostJson.Queues, settings, loggers.CreateLogger<QueueTriggerListener>());
                runs.Add(Task.Run(() => listener.RunAsync(stoppingToken), stoppingToken));
                logger.LogInformation("Listening to queue {Queue} for {Function}", queueName, function.Name);
            }
            else if (function.Timer is { } timer)
            {
                var schedule = functions.Resolve(timer.Schedule);
                var scheduler = new TimerTriggerScheduler(function, functions, schedule, time, loggers.CreateLogger<TimerTriggerScheduler>());
                runs.Add(Task.Run(() => scheduler.RunAsync(stoppingToken), stoppingToken));
                logger.LogInformation("Scheduled {Function} on {Schedule}", function.Name, schedule);
            }
        }

        return Task.WhenAll(runs);
    }
}
