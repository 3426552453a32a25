namespace Enforcement.Functions.Hosting.FunctionApp;

/// <summary>A queue-triggered function. Delivery is at least once: implementations must be idempotent,
/// and must throw on failure so that the message is retried and finally moved to the poison queue.</summary>
internal interface IQueueFunction
{
    string Name { get; }

    Task RunAsync(QueueTrigger trigger, CancellationToken cancellationToken);
}

/// <summary>A timer-triggered function. It must throw on failure so that the invocation is reported as failed.</summary>
internal interface ITimerFunction
{
    string Name { get; }

    Task RunAsync(TimerTrigger trigger, CancellationToken cancellationToken);
}

internal sealed record QueueTrigger(string MessageText, long DequeueCount, string? MessageId);

internal sealed record TimerTrigger(bool IsPastDue, DateTimeOffset? ScheduledFor);
