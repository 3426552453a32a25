using Azure.Storage.Queues;
using Enforcement.Functions.Hosting.FunctionApp;
using Enforcement.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Enforcement.Functions.Hosting.LocalTriggers;

/// <summary>Standalone stand-in for the Functions host's queue and timer triggers, configured from function.json.</summary>
internal sealed class LocalTriggerHost(
    FunctionManifest manifest,
    IEnumerable<IQueueFunction> queueFunctions,
    IEnumerable<ITimerFunction> timerFunctions,
    QueueServiceClient queues,
    StorageNames names,
    IOptions<LocalTriggerOptions> options,
    TimeProvider time,
    ILoggerFactory loggers) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var logger = loggers.CreateLogger<LocalTriggerHost>();
        var runs = new List<Task>();
        foreach (var definition in manifest.Functions.Where(f => !settings.DisabledFunctions.Contains(f.Name, StringComparer.Ordinal)))
        {
            if (definition.Kind == TriggerKind.Queue)
            {
                var queueName = names.Queue(definition.QueueName!);
                var listener = new QueueTriggerListener(
                    queueFunctions.Single(f => f.Name == definition.Name),
                    queues.GetQueueClient(queueName),
                    queues.GetQueueClient(queueName + "-poison"),
                    manifest.Queues,
                    settings,
                    loggers.CreateLogger<QueueTriggerListener>());
                runs.Add(Task.Run(() => listener.RunAsync(stoppingToken), stoppingToken));
                logger.LogInformation("Listening to queue {Queue} for {Function}", queueName, definition.Name);
            }
            else if (definition.Kind == TriggerKind.Timer)
            {
                var scheduler = new TimerTriggerScheduler(timerFunctions.Single(f => f.Name == definition.Name), definition.Schedule!, time,
                    loggers.CreateLogger<TimerTriggerScheduler>());
                runs.Add(Task.Run(() => scheduler.RunAsync(stoppingToken), stoppingToken));
                logger.LogInformation("Scheduled {Function} on {Schedule}", definition.Name, definition.Schedule);
            }
        }

        return Task.WhenAll(runs);
    }
}
