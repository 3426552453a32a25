using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Enforcement.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Enforcement.Functions.Events;

/// <summary>
/// The transactional outbox for record events. A write (1) stages a pending entry, (2) commits the record together
/// with its event row in one entity-group transaction, (3) publishes the event to the queue and clears the entry.
/// If the process dies after (2), <see cref="RelayPendingAsync"/> (the OutboxRelay timer) publishes it later.
/// </summary>
internal sealed class EventOutbox(
    TableServiceClient tables,
    QueueServiceClient queues,
    StorageNames names,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<EventOutbox> logger)
{
    private readonly TableClient _outbox = tables.GetTableClient(names.Table(StorageNames.Tables.Outbox));
    private readonly QueueClient _events = queues.GetQueueClient(names.Queue(StorageNames.Queues.SeizureEvents));

    public Task StageAsync(OutboxEntry entry, CancellationToken cancellationToken) =>
        _outbox.UpsertEntityAsync(entry, TableUpdateMode.Replace, cancellationToken);

    /// <summary>Publishes a committed event (or queued work). A failure here loses nothing: the pending entry stays
    /// for the relay.</summary>
    public async Task<bool> TryPublishAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync(entry, cancellationToken);
            await _outbox.DeleteEntityAsync(entry.PartitionKey, entry.RowKey, ETag.All, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex)
        {
            logger.LogWarning("Publishing event {EventId} failed with {Status} {Code}; the outbox relay will retry", entry.RowKey, ex.Status, ex.ErrorCode);
            return false;
        }
    }

    private Task SendAsync(OutboxEntry entry, CancellationToken cancellationToken) =>
        entry.Queue is null
            ? EnqueueAsync(entry.ToEvent(), cancellationToken)
            : queues.GetQueueClient(names.Queue(entry.Queue)).SendMessageAsync(entry.Message ?? string.Empty, cancellationToken);

    public Task EnqueueAsync(RecordEvent recordEvent, CancellationToken cancellationToken) =>
        _events.SendMessageAsync(JsonSerializer.Serialize(recordEvent, EventJsonContext.Default.RecordEvent), cancellationToken);

    /// <summary>Publishes every pending event whose record committed, and drops entries whose record never did.</summary>
    public async Task<OutboxRelayResult> RelayPendingAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var settings = options.Value;
        int published = 0, abandoned = 0, waiting = 0;
        var filter = TableClient.CreateQueryFilter<OutboxEntry>(e => e.PartitionKey == OutboxEntry.PendingPartition);
        await foreach (var entry in _outbox.QueryAsync<OutboxEntry>(filter, cancellationToken: cancellationToken))
        {
            var age = now - (entry.Timestamp ?? now);
            if (age < settings.RelayAfter)
            {
                waiting++;
                continue;
            }

            var committed = await tables.GetTableClient(entry.Table)
                .GetEntityIfExistsAsync<TableEntity>(entry.EventPartitionKey, entry.EventRowKey, ["PartitionKey"], cancellationToken);
            if (committed.HasValue)
            {
                await SendAsync(entry, cancellationToken);
                await _outbox.DeleteEntityAsync(entry.PartitionKey, entry.RowKey, entry.ETag, cancellationToken);
                published++;
                logger.LogInformation("Relayed event {EventId} that was committed but not published", entry.RowKey);
            }
            else if (age >= settings.AbandonAfter)
            {
                await _outbox.DeleteEntityAsync(entry.PartitionKey, entry.RowKey, entry.ETag, cancellationToken);
                abandoned++;
                logger.LogInformation("Dropped outbox entry {EventId}: its record was never committed", entry.RowKey);
            }
            else
            {
                waiting++;
            }
        }

        return new OutboxRelayResult(published, abandoned, waiting);
    }
}

internal sealed record OutboxRelayResult(int Published, int Abandoned, int Waiting);
