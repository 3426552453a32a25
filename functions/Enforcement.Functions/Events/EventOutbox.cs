using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Enforcement.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Enforcement.Functions.Events;

/// <summary>
/// The transactional outbox for record events.
/// <para>
/// <b>Write.</b> A record's entity-group transaction carries the record, its history/event row, its idempotency
/// marker and an outbox marker (<see cref="OutboxEntry"/>), all in the record's partition: one storage request makes
/// everything the 201 promises durable, and the marker is the durable to-do list of what is left.
/// </para>
/// <para>
/// <b>Publish</b> (<see cref="PublishAsync"/>, run by <see cref="OutboxPublisher"/> after the response, and by the
/// relay): (1) the commit follow-ups (<see cref="ICommitFollowUp"/>: the office's listing rows), (2) the queue
/// message, (3) the marker's delete. Why each step is safe to repeat and to cut short: (1) writes facts derived from
/// the committed version, with upserts of the same rows; (2) may be sent twice (the relay racing a slow publisher),
/// and every consumer is idempotent (event ids are stable); (3) runs only after (1) and (2) succeeded, so while either
/// is missing the marker stays and the relay repeats them. A process that dies anywhere after the commit leaves the
/// marker, and nothing else is needed to finish the job.
/// </para>
/// <para>
/// <b>Relay</b> (<see cref="RelayPendingAsync"/>, every minute): single-partition range queries over the marker rows
/// ("~out|" RowKeys) of the recent months' partitions of the tables that hold markers, plus the staged entries of
/// the same months; never a table scan, never one hot partition. A write whose partition lies outside that window (a
/// seizure of a month long past) also stages a copy in table "outbox" before its transaction, so the relay finds
/// it too.
/// </para>
/// </summary>
internal sealed class EventOutbox(
    TableServiceClient tables,
    QueueServiceClient queues,
    StorageNames names,
    IEnumerable<ICommitFollowUp> followUps,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<EventOutbox> logger)
{
    /// <summary>Entries staged before this design lived in one partition; the relay still drains it.</summary>
    private const string LegacyPendingPartition = "pending";

    private const int MaxBatch = 100;

    private static readonly string[] MarkerTables = [StorageNames.Tables.Seizures, StorageNames.Tables.Suspects, StorageNames.Tables.Companies];

    private readonly TableClient _outbox = tables.GetTableClient(names.Table(StorageNames.Tables.Outbox));
    private readonly QueueClient _events = queues.GetQueueClient(names.Queue(StorageNames.Queues.SeizureEvents));

    /// <summary>The month partitions the relay scans now: from <see cref="OutboxOptions.RelayMonths"/> - 1 months ago
    /// up to next month (a local seizedAt can be a month ahead of UTC).</summary>
    public IReadOnlyList<string> RelayMonths()
    {
        var now = time.GetUtcNow().UtcDateTime;
        var first = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(-(options.Value.RelayMonths - 1));
        return Enumerable.Range(0, options.Value.RelayMonths + 1).Select(i => Month(first.AddMonths(i))).ToList();
    }

    /// <summary>Whether the relay finds a marker in this month partition by itself (otherwise stage a copy).</summary>
    public bool RelayScans(string month) => RelayMonths().Contains(month, StringComparer.Ordinal);

    /// <summary>Stages an entry in table "outbox" before a write that carries no marker (photos, links): if the
    /// process dies after that write, the relay finds this entry and the row it points at.</summary>
    public Task StageAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        entry.PartitionKey = StagingPartition();
        return _outbox.UpsertEntityAsync(entry, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>For a marker in a partition the relay does not scan: a staged copy pointing at the marker, written
    /// before the transaction. If the transaction never commits, the copy points at nothing and is dropped.</summary>
    public Task StageCopyAsync(OutboxEntry marker, CancellationToken cancellationToken) =>
        _outbox.UpsertEntityAsync(Copy(marker), TableUpdateMode.Replace, cancellationToken);

    /// <summary>Staged copies of many markers (an import's), up to 100 per transaction: they share the staging partition.</summary>
    public async Task StageCopiesAsync(IReadOnlyList<OutboxEntry> markers, CancellationToken cancellationToken)
    {
        foreach (var chunk in markers.Chunk(MaxBatch))
        {
            await _outbox.SubmitTransactionAsync(chunk.Select(m => new TableTransactionAction(TableTransactionActionType.UpsertReplace, Copy(m))), cancellationToken);
        }
    }

    private OutboxEntry Copy(OutboxEntry marker)
    {
        marker.StagedIn = StagingPartition();
        return new OutboxEntry
        {
            PartitionKey = marker.StagedIn,
            RowKey = marker.EventId,
            Type = marker.Type,
            RecordId = marker.RecordId,
            Version = marker.Version,
            OccurredAt = marker.OccurredAt,
            Table = marker.Table,
            EventPartitionKey = marker.PartitionKey,
            EventRowKey = marker.RowKey,
        };
    }

    /// <summary>Publishes a staged entry at once (photos, links). A failure loses nothing: the entry stays for the relay.</summary>
    public async Task<bool> TryPublishAsync(OutboxEntry entry, CancellationToken cancellationToken) =>
        await PublishAsync([entry], cancellationToken) == 0;

    public Task EnqueueAsync(RecordEvent recordEvent, CancellationToken cancellationToken) =>
        _events.SendMessageAsync(JsonSerializer.Serialize(recordEvent, EventJsonContext.Default.RecordEvent), cancellationToken);

    /// <summary>Publishes committed entries (see the class notes for the order and why it is safe); returns how many
    /// failed, which stay for the relay.</summary>
    public async Task<int> PublishAsync(IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken)
    {
        var failed = 0;
        var ready = entries.ToList();
        foreach (var followUp in followUps)
        {
            var taken = ready.Where(e => e.Queue is null && followUp.Handles(e.Type)).ToList();
            if (taken.Count == 0)
            {
                continue;
            }

            try
            {
                await followUp.RunAsync(taken, cancellationToken);
            }
            catch (Exception ex) when (ex is RequestFailedException or InvalidOperationException)
            {
                logger.LogWarning("A commit follow-up failed for {Count} events ({Message}); the outbox relay will retry", taken.Count, ex.Message);
                failed += taken.Count;
                ready = ready.Except(taken).ToList();
            }
        }

        var sent = new List<OutboxEntry>(ready.Count);
        await Parallel.ForEachAsync(ready, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (entry, ct) =>
        {
            try
            {
                await SendAsync(entry, ct);
                lock (sent)
                {
                    sent.Add(entry);
                }
            }
            catch (RequestFailedException ex)
            {
                logger.LogWarning("Publishing event {EventId} failed with {Status} {Code}; the outbox relay will retry", entry.EventId, ex.Status, ex.ErrorCode);
                Interlocked.Increment(ref failed);
            }
        });

        try
        {
            await ClearAsync(sent, cancellationToken);
        }
        catch (RequestFailedException ex)
        {
            // Published but not cleared: the relay sends it once more, which consumers tolerate.
            logger.LogWarning("Clearing {Count} published outbox entries failed with {Status}; the relay will clear them", sent.Count, ex.Status);
            failed += sent.Count;
        }

        return failed;
    }

    /// <summary>Publishes every committed entry of the recent months that is older than
    /// <see cref="OutboxOptions.RelayAfter"/> (younger ones are the publisher's), and drops staged entries whose write
    /// never committed. Throws at the end if anything could not be published, so that the invocation is seen to fail.</summary>
    public async Task<OutboxRelayResult> RelayPendingAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var settings = options.Value;
        int abandoned = 0, waiting = 0;
        var due = new Dictionary<(string Table, string Partition, string Row), OutboxEntry>();
        bool Due(OutboxEntry e) => now - (e.Timestamp ?? now) >= settings.RelayAfter;

        foreach (var month in RelayMonths())
        {
            foreach (var table in MarkerTables)
            {
                var client = tables.GetTableClient(names.Table(table));
                var filter = TableClient.CreateQueryFilter<OutboxEntry>(e =>
                    e.PartitionKey == month && e.RowKey.CompareTo(OutboxEntry.MarkerPrefix) >= 0 && e.RowKey.CompareTo("~out}") < 0);
                await foreach (var marker in client.QueryAsync<OutboxEntry>(filter, cancellationToken: cancellationToken))
                {
                    if (Due(marker))
                    {
                        due[(client.Name, marker.PartitionKey, marker.RowKey)] = marker;
                    }
                    else
                    {
                        waiting++;
                    }
                }
            }
        }

        foreach (var partition in RelayMonths().Append(LegacyPendingPartition))
        {
            await foreach (var staged in _outbox.QueryAsync<OutboxEntry>(e => e.PartitionKey == partition, cancellationToken: cancellationToken))
            {
                if (!Due(staged))
                {
                    waiting++;
                    continue;
                }

                var target = tables.GetTableClient(staged.Table);
                if (staged.EventRowKey.StartsWith(OutboxEntry.MarkerPrefix, StringComparison.Ordinal))
                {
                    // A staged copy of a marker: the marker, if it is still there, is the entry to publish.
                    var marker = await target.GetEntityIfExistsAsync<OutboxEntry>(staged.EventPartitionKey, staged.EventRowKey, cancellationToken: cancellationToken);
                    if (marker.HasValue)
                    {
                        due[(target.Name, staged.EventPartitionKey, staged.EventRowKey)] = marker.Value!;
                        continue;
                    }
                }
                else if ((await target.GetEntityIfExistsAsync<TableEntity>(staged.EventPartitionKey, staged.EventRowKey, ["PartitionKey"], cancellationToken)).HasValue)
                {
                    due[(_outbox.Name, staged.PartitionKey, staged.RowKey)] = staged;
                    continue;
                }

                // Nothing committed (yet): a write still running, one that died before its commit, or a marker
                // already published whose staged copy was not cleared.
                if (now - (staged.Timestamp ?? now) >= settings.AbandonAfter)
                {
                    await _outbox.DeleteEntityAsync(staged.PartitionKey, staged.RowKey, staged.ETag, cancellationToken);
                    abandoned++;
                    logger.LogInformation("Dropped outbox entry {EventId}: nothing it points at was committed", staged.RowKey);
                }
                else
                {
                    waiting++;
                }
            }
        }

        var entries = due.Values.ToList();
        var failed = entries.Count == 0 ? 0 : await PublishAsync(entries, cancellationToken);
        foreach (var entry in entries)
        {
            logger.LogInformation("Relayed event {EventId} that was committed but not published", entry.EventId);
        }

        if (failed > 0)
        {
            throw new InvalidOperationException($"The outbox relay could not publish {failed} of {entries.Count} events; they stay for the next run.");
        }

        return new OutboxRelayResult(entries.Count, abandoned, waiting);
    }

    private Task SendAsync(OutboxEntry entry, CancellationToken cancellationToken) =>
        entry.Queue is null
            ? EnqueueAsync(entry.ToEvent(), cancellationToken)
            : queues.GetQueueClient(names.Queue(entry.Queue)).SendMessageAsync(entry.Message ?? string.Empty, cancellationToken);

    /// <summary>Deletes published entries: markers in one transaction per partition (up to 100 at a time), staged
    /// entries and staged copies one by one (they are rare). An entry already gone is fine.</summary>
    private async Task ClearAsync(IReadOnlyList<OutboxEntry> published, CancellationToken cancellationToken)
    {
        foreach (var group in published.GroupBy(e => (Table: e.IsMarker ? e.Table : _outbox.Name, e.PartitionKey)))
        {
            var client = tables.GetTableClient(group.Key.Table);
            foreach (var chunk in group.DistinctBy(e => e.RowKey).Chunk(MaxBatch))
            {
                try
                {
                    await client.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All)), cancellationToken);
                }
                catch (TableTransactionFailedException ex) when (ex.Status == StatusCodes.Status404NotFound)
                {
                    foreach (var entry in chunk)
                    {
                        await DeleteIfExistsAsync(client, entry.PartitionKey, entry.RowKey, cancellationToken);
                    }
                }
            }
        }

        foreach (var entry in published.Where(e => e.StagedIn is not null))
        {
            await DeleteIfExistsAsync(_outbox, entry.StagedIn!, entry.EventId, cancellationToken);
        }
    }

    private static async Task DeleteIfExistsAsync(TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status404NotFound)
        {
        }
    }

    private string StagingPartition() => Month(time.GetUtcNow().UtcDateTime);

    private static string Month(DateTime at) => at.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}

internal sealed record OutboxRelayResult(int Published, int Abandoned, int Waiting);
