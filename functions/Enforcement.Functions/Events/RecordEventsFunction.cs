using System.Text.Json;
using Microsoft.Azure.Functions.Worker;

namespace Enforcement.Functions.Events;

/// <summary>
/// Queue "seizure-events": the record event pipeline. Hands each event to every handler that takes its type (the
/// listing filters, later webhooks and feeds). Throws on anything it cannot process, so the message is retried and
/// finally poisoned, never dropped.
/// </summary>
internal sealed class RecordEventsFunction(IEnumerable<IRecordEventHandler> handlers, ILogger<RecordEventsFunction> logger)
{
    [Function("SeizureEvents")]
    public async Task RunAsync([QueueTrigger("%SeizureEventsQueue%")] string message, CancellationToken cancellationToken)
    {
        var recordEvent = JsonSerializer.Deserialize(message, EventJsonContext.Default.RecordEvent)
            ?? throw new InvalidOperationException("The message is not a record event.");
        var takers = handlers.Where(h => h.Handles(recordEvent.Type)).ToList();
        if (takers.Count == 0)
        {
            throw new InvalidOperationException($"No handler takes events of type '{recordEvent.Type}'.");
        }

        foreach (var handler in takers)
        {
            await handler.HandleAsync(recordEvent, cancellationToken);
        }

        logger.LogInformation("Processed event {EventId} ({EventType}) with {Handlers} handlers", recordEvent.EventId, recordEvent.Type, takers.Count);
    }
}
