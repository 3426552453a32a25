using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
namespace Enforcement.Functions.Hosting.Standalone;

/// <summary>
/// Drives one queue-triggered function the way the Functions queue trigger does: receive in batches, run messages
/// concurrently, delete on success; on failure make the message visible again after host.json's visibilityTimeout,
/// and once it has been dequeued maxDequeueCount times move it to "{queue}-poison".
/// </summary>
internal sealed class QueueTriggerListener(
    TriggeredFunction function,
    TriggeredFunctions functions,
    QueueClient queue,
    QueueClient poisonQueue,
    QueueTriggerSettings settings,
    StandaloneTriggerOptions options,
    ILogger logger)
{
    private static readonly TimeSpan MinimumPollingInterval = TimeSpan.FromMilliseconds(100);

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var delay = MinimumPollingInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            QueueMessage[] messages;
            try
            {
                messages = (await queue.ReceiveMessagesAsync(settings.BatchSize, options.ProcessingVisibility, stoppingToken)).Value;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (RequestFailedException ex)
            {
                logger.LogWarning("Polling queue {Queue} for {Function} failed with {Status} {Code}", queue.Name, function.Name, ex.Status, ex.ErrorCode);
                messages = [];
            }

            if (messages.Length > 0)
            {
                delay = MinimumPollingInterval;
                await Task.WhenAll(messages.Select(message => HandleAsync(message, stoppingToken)));
                continue;
            }

            try
            {
                await Task.Delay(delay, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxPollingInterval.Ticks));
        }
    }

    private async Task HandleAsync(QueueMessage message, CancellationToken stoppingToken)
    {
        try
        {
            if (message.DequeueCount > settings.MaxDequeueCount)
            {
                await MoveToPoisonAsync(message, stoppingToken);
                return;
            }

            try
            {
                await functions.InvokeQueueAsync(function.Name, message.MessageText, message.DequeueCount, message.MessageId, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Function {Function} failed on message {MessageId} (dequeue count {DequeueCount})", function.Name, message.MessageId, message.DequeueCount);
                if (message.DequeueCount >= settings.MaxDequeueCount)
                {
                    await MoveToPoisonAsync(message, stoppingToken);
                }
                else
                {
                    await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: settings.VisibilityTimeout, cancellationToken: stoppingToken);
                }

                return;
            }

            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the message becomes visible again after its processing visibility, as under the host.
        }
        catch (RequestFailedException ex)
        {
            // Lost the pop receipt (visibility expired) or storage failed: the message reappears and is retried.
            logger.LogWarning("Settling message {MessageId} on {Queue} failed with {Status} {Code}", message.MessageId, queue.Name, ex.Status, ex.ErrorCode);
        }
    }

    private async Task MoveToPoisonAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        await poisonQueue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await poisonQueue.SendMessageAsync(message.Body, cancellationToken: cancellationToken);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        logger.LogWarning("Message {MessageId} moved to {PoisonQueue} after {DequeueCount} attempts", message.MessageId, poisonQueue.Name, message.DequeueCount);
    }
}
