using System.Globalization;
using System.Threading.Channels;
using Azure;
using Azure.Data.Tables;
using Enforcement.Functions.Storage;

namespace Enforcement.Functions.Audit;

/// <summary>
/// Appends audit entries to the day's hash chain. Concurrent callers are group-committed: one writer takes every
/// entry waiting, links them, and stores them with the new chain head in one entity-group transaction (head updated
/// with its ETag, so another instance appending at the same time makes the transaction fail and be redone).
/// A caller's task completes only once its entry is stored; if it cannot be stored the task faults and the
/// operation must not proceed.
/// </summary>
internal sealed class AuditTrail : IAsyncDisposable
{
    private const int MaxBatch = 99; // an entity-group transaction holds 100 entities: the entries plus the head
    private const int MaxAttempts = 8;

    private readonly TableClient _table;
    private readonly ILogger<AuditTrail> _logger;
    private readonly Channel<Pending> _pending = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, AuditHeadEntity> _heads = new(StringComparer.Ordinal);
    private readonly Task _writer;

    public AuditTrail(TableServiceClient tables, StorageNames names, ILogger<AuditTrail> logger)
    {
        _table = tables.GetTableClient(names.Table(StorageNames.Tables.Audit));
        _logger = logger;
        // The writer outlives whichever request created this singleton: it must not carry that request's context.
        using (ExecutionContext.SuppressFlow())
        {
            _writer = Task.Run(WriteAsync);
        }
    }

    public Task AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        var pending = new Pending(record, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_pending.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The audit trail is shutting down.");
        }

        return pending.Stored.Task.WaitAsync(cancellationToken);
    }

    public static string DayOf(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public async Task<(IReadOnlyList<AuditEntryEntity> Entries, AuditHeadEntity? Head)> ReadDayAsync(string day, CancellationToken cancellationToken)
    {
        var entries = new List<AuditEntryEntity>();
        AuditHeadEntity? head = null;
        await foreach (var row in _table.QueryAsync<TableEntity>(e => e.PartitionKey == day, cancellationToken: cancellationToken))
        {
            if (row.RowKey == AuditEntryEntity.HeadRowKey)
            {
                head = new AuditHeadEntity { PartitionKey = day, Sequence = row.GetInt64(nameof(AuditHeadEntity.Sequence)) ?? 0, Hash = row.GetString(nameof(AuditHeadEntity.Hash)) ?? string.Empty };
            }
            else
            {
                entries.Add(ToEntry(row));
            }
        }

        return (entries, head);
    }

    public async Task<AuditHeadEntity?> ReadHeadAsync(string day, CancellationToken cancellationToken)
    {
        var head = await _table.GetEntityIfExistsAsync<AuditHeadEntity>(day, AuditEntryEntity.HeadRowKey, cancellationToken: cancellationToken);
        return head.HasValue ? head.Value : null;
    }

    public async Task<(IReadOnlyList<AuditEntryEntity> Entries, string? ContinuationToken)> PageAsync(string day, int limit, string? continuationToken, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter<TableEntity>(e => e.PartitionKey == day && e.RowKey.CompareTo(AuditEntryEntity.HeadRowKey) < 0);
        await foreach (var page in _table.QueryAsync<TableEntity>(filter, limit, cancellationToken: cancellationToken).AsPages(continuationToken, limit))
        {
            return (page.Values.Select(ToEntry).ToList(), page.ContinuationToken);
        }

        return ([], null);
    }

    private async Task WriteAsync()
    {
        var reader = _pending.Reader;
        var batch = new List<Pending>(MaxBatch);
        while (await reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            foreach (var day in batch.GroupBy(p => DayOf(p.Record.At)))
            {
                var entries = day.ToList();
                try
                {
                    await CommitAsync(day.Key, entries);
                    entries.ForEach(p => p.Stored.TrySetResult());
                }
                catch (Exception ex)
                {
                    _logger.LogError(ex, "Could not store {Count} audit entries for {Day}", entries.Count, day.Key);
                    entries.ForEach(p => p.Stored.TrySetException(new AuditUnavailableException(ex)));
                }
            }

            batch.Clear();
        }
    }

    private async Task CommitAsync(string day, List<Pending> entries)
    {
        for (var attempt = 1; ; attempt++)
        {
            var head = await HeadAsync(day, refresh: attempt > 1);
            var rows = new List<AuditEntryEntity>(entries.Count);
            var (sequence, previous) = (head.Sequence, head.Hash);
            foreach (var pending in entries)
            {
                var row = ToEntity(day, ++sequence, previous, pending.Record);
                row.Hash = AuditChain.HashOf(row);
                previous = row.Hash;
                rows.Add(row);
            }

            var newHead = new AuditHeadEntity { PartitionKey = day, Sequence = sequence, Hash = previous };
            var actions = rows.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)).ToList();
            actions.Add(head.ETag == default
                ? new TableTransactionAction(TableTransactionActionType.Add, newHead)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, newHead, head.ETag));
            try
            {
                var response = await _table.SubmitTransactionAsync(actions);
                newHead.ETag = response.Value[^1].Headers.ETag ?? default;
                _heads[day] = newHead;
                return;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // Another instance appended first: re-read the head and link after its entries.
                await Task.Delay(Random.Shared.Next(5, 20 * attempt));
            }
        }
    }

    private async Task<AuditHeadEntity> HeadAsync(string day, bool refresh)
    {
        if (!refresh && _heads.TryGetValue(day, out var cached))
        {
            return cached;
        }

        var stored = await _table.GetEntityIfExistsAsync<AuditHeadEntity>(day, AuditEntryEntity.HeadRowKey);
        var head = stored.HasValue ? stored.Value! : new AuditHeadEntity { PartitionKey = day, Sequence = 0, Hash = AuditChain.Genesis };
        if (_heads.Count > 4)
        {
            _heads.Clear();
        }

        _heads[day] = head;
        return head;
    }

    private static AuditEntryEntity ToEntity(string day, long sequence, string previous, AuditRecord r) => new()
    {
        PartitionKey = day,
        RowKey = AuditEntryEntity.RowKeyFor(sequence),
        Sequence = sequence,
        At = r.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        Subject = r.Subject,
        Roles = string.Join(',', r.Roles),
        Office = r.Office,
        Region = r.Region,
        ApiKeyId = r.ApiKeyId,
        AuthMethod = r.AuthMethod,
        Operation = r.Operation,
        Records = string.Join(',', r.Records),
        Outcome = r.Outcome,
        Client = r.Client,
        TraceId = r.TraceId,
        PreviousHash = previous,
    };

    private static AuditEntryEntity ToEntry(TableEntity row) => new()
    {
        PartitionKey = row.PartitionKey,
        RowKey = row.RowKey,
        ETag = row.ETag,
        Sequence = row.GetInt64(nameof(AuditEntryEntity.Sequence)) ?? -1,
        At = row.GetString(nameof(AuditEntryEntity.At)) ?? string.Empty,
        Subject = row.GetString(nameof(AuditEntryEntity.Subject)) ?? string.Empty,
        Roles = row.GetString(nameof(AuditEntryEntity.Roles)) ?? string.Empty,
        Office = row.GetString(nameof(AuditEntryEntity.Office)),
        Region = row.GetString(nameof(AuditEntryEntity.Region)),
        ApiKeyId = row.GetString(nameof(AuditEntryEntity.ApiKeyId)),
        AuthMethod = row.GetString(nameof(AuditEntryEntity.AuthMethod)) ?? string.Empty,
        Operation = row.GetString(nameof(AuditEntryEntity.Operation)) ?? string.Empty,
        Records = row.GetString(nameof(AuditEntryEntity.Records)) ?? string.Empty,
        Outcome = row.GetString(nameof(AuditEntryEntity.Outcome)) ?? string.Empty,
        Client = row.GetString(nameof(AuditEntryEntity.Client)),
        TraceId = row.GetString(nameof(AuditEntryEntity.TraceId)),
        PreviousHash = row.GetString(nameof(AuditEntryEntity.PreviousHash)) ?? string.Empty,
        Hash = row.GetString(nameof(AuditEntryEntity.Hash)) ?? string.Empty,
    };

    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _writer.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private sealed record Pending(AuditRecord Record, TaskCompletionSource Stored);
}

/// <summary>The audit entry could not be stored, so the operation it describes must not happen.</summary>
internal sealed class AuditUnavailableException(Exception inner) : Exception("The audit trail is unavailable.", inner);
