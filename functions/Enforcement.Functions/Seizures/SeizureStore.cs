using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Enforcement.Functions.Events;
using Enforcement.Functions.Http;
using Enforcement.Functions.Storage;

namespace Enforcement.Functions.Seizures;

/// <summary>The seizure database's key rules: idempotent creation, optimistic concurrency, history and outbox.</summary>
internal sealed class SeizureStore(TableServiceClient tables, StorageNames names, EventOutbox outbox, TimeProvider time)
{
    private readonly TableClient _seizures = tables.GetTableClient(names.Table(StorageNames.Tables.Seizures));
    private readonly TableClient _idempotency = tables.GetTableClient(names.Table(StorageNames.Tables.Idempotency));

    /// <summary>
    /// Records a seizure. <paramref name="beforeWrite"/> runs once the id is known and before anything is committed
    /// (the audit entry): if it throws, nothing is written.
    /// </summary>
    public async Task<CreateOutcome> CreateAsync(SeizureFacts facts, DateTimeOffset seizedAt, string? idempotencyKey, string actor,
        Func<SeizureId, bool, Task> beforeWrite, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var month = SeizureMonth.Of(seizedAt);
        var factsJson = Serialize(facts);
        var id = SeizureId.New(month, now);

        if (idempotencyKey is not null)
        {
            var reservation = new IdempotencyEntity
            {
                PartitionKey = Sha256Hex.Of(actor),
                RowKey = Sha256Hex.Of(idempotencyKey),
                RequestHash = Sha256Hex.Of(factsJson),
                RecordId = id.Value,
                CreatedAt = now,
            };
            try
            {
                await _idempotency.AddEntityAsync(reservation, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status409Conflict)
            {
                var existing = (await _idempotency.GetEntityAsync<IdempotencyEntity>(reservation.PartitionKey, reservation.RowKey, cancellationToken: cancellationToken)).Value;
                if (existing.RequestHash != reservation.RequestHash)
                {
                    return new CreateOutcome.KeyReused();
                }

                id = new SeizureId(existing.RecordId);
                if (await GetAsync(id, cancellationToken) is { } earlier)
                {
                    await beforeWrite(id, true);
                    return new CreateOutcome.Created(earlier.Seizure, Replayed: true);
                }

                // The first attempt reserved the id but has not committed (still running, or it died): race it to the
                // same row; exactly one insert wins and both callers answer with the same record.
            }
        }

        var entity = new SeizureEntity
        {
            PartitionKey = id.PartitionKey,
            RowKey = id.RowKey,
            Facts = factsJson,
            Version = 1,
            RecordedAt = now,
            UpdatedAt = now,
            SeizedAtUtc = seizedAt.ToUniversalTime(),
            Office = facts.Office!,
            RecordedBy = actor,
            UpdatedBy = actor,
        };
        var history = History(entity, RecordEventTypes.SeizureRecorded, now);
        var pending = Pending(history);
        await beforeWrite(id, false);
        await outbox.StageAsync(pending, cancellationToken);
        try
        {
            var response = await _seizures.SubmitTransactionAsync(
                [new TableTransactionAction(TableTransactionActionType.Add, entity), new TableTransactionAction(TableTransactionActionType.Add, history)],
                cancellationToken);
            entity.ETag = response.Value[0].Headers.ETag ?? default;
        }
        catch (TableTransactionFailedException ex) when (ex.Status == StatusCodes.Status409Conflict && idempotencyKey is not null)
        {
            var winner = await GetAsync(id, cancellationToken) ?? throw new InvalidOperationException($"Seizure {id} conflicted but cannot be read.", ex);
            return new CreateOutcome.Created(winner.Seizure, Replayed: true);
        }

        await outbox.TryPublishAsync(pending, cancellationToken);
        return new CreateOutcome.Created(SeizureMapping.ToSeizure(entity, facts), Replayed: false);
    }

    public async Task<StoredSeizure?> GetAsync(SeizureId id, CancellationToken cancellationToken)
    {
        var response = await _seizures.GetEntityIfExistsAsync<SeizureEntity>(id.PartitionKey, id.RowKey, cancellationToken: cancellationToken);
        return response.HasValue ? new StoredSeizure(response.Value!, SeizureMapping.ToSeizure(response.Value!)) : null;
    }

    /// <summary>Replaces the facts if the record is still the version that was read; false when someone else won.</summary>
    public async Task<UpdateOutcome> UpdateAsync(StoredSeizure current, SeizureFacts facts, DateTimeOffset seizedAt, string actor,
        Func<Task> beforeWrite, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var factsJson = Serialize(facts);
        var entity = current.Entity;
        var readETag = entity.ETag;
        var updated = new SeizureEntity
        {
            PartitionKey = entity.PartitionKey,
            RowKey = entity.RowKey,
            ETag = readETag,
            Facts = factsJson,
            Version = entity.Version + 1,
            RecordedAt = entity.RecordedAt,
            UpdatedAt = now,
            SeizedAtUtc = seizedAt.ToUniversalTime(),
            Office = facts.Office!,
            RecordedBy = entity.RecordedBy,
            UpdatedBy = actor,
        };
        var history = History(updated, RecordEventTypes.SeizureUpdated, now);
        var pending = Pending(history);
        await beforeWrite();
        await outbox.StageAsync(pending, cancellationToken);
        try
        {
            var response = await _seizures.SubmitTransactionAsync(
                [new TableTransactionAction(TableTransactionActionType.UpdateReplace, updated, readETag), new TableTransactionAction(TableTransactionActionType.Add, history)],
                cancellationToken);
            updated.ETag = response.Value[0].Headers.ETag ?? default;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is StatusCodes.Status412PreconditionFailed or StatusCodes.Status409Conflict)
        {
            // A retried transaction that did succeed also reports 412/409: only a different current version is a conflict.
            var now2 = await GetAsync(new SeizureId(entity.RowKey), cancellationToken);
            if (now2 is null || now2.Entity.Version != updated.Version || now2.Entity.Facts != factsJson)
            {
                return new UpdateOutcome.Stale();
            }

            updated = now2.Entity;
        }

        await outbox.TryPublishAsync(pending, cancellationToken);
        return new UpdateOutcome.Updated(SeizureMapping.ToSeizure(updated, facts));
    }

    public async Task<(IReadOnlyList<SeizureEntity> Entities, string? ContinuationToken)> ListMonthAsync(string month, int limit, string? continuationToken, CancellationToken cancellationToken)
    {
        // Seizure ids start with "SZ-"; history rows ("~evt|...") sort after them and are left out by the range.
        var filter = TableClient.CreateQueryFilter<SeizureEntity>(e =>
            e.PartitionKey == month && e.RowKey.CompareTo("SZ-") >= 0 && e.RowKey.CompareTo("SZ.") < 0);
        await foreach (var page in _seizures.QueryAsync<SeizureEntity>(filter, limit, cancellationToken: cancellationToken).AsPages(continuationToken, limit))
        {
            return (page.Values, page.ContinuationToken);
        }

        return ([], null);
    }

    public async Task<IReadOnlyList<SeizureHistoryEntity>> HistoryAsync(SeizureId id, CancellationToken cancellationToken)
    {
        var from = SeizureHistoryEntity.RowKeyPrefix + id.Value + "|";
        var to = SeizureHistoryEntity.RowKeyPrefix + id.Value + "}";
        var filter = TableClient.CreateQueryFilter<SeizureHistoryEntity>(e =>
            e.PartitionKey == id.PartitionKey && e.RowKey.CompareTo(from) > 0 && e.RowKey.CompareTo(to) < 0);
        var rows = new List<SeizureHistoryEntity>();
        await foreach (var row in _seizures.QueryAsync<SeizureHistoryEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    private static SeizureHistoryEntity History(SeizureEntity entity, string type, DateTimeOffset now) => new()
    {
        PartitionKey = entity.PartitionKey,
        RowKey = SeizureHistoryEntity.RowKeyFor(entity.RowKey, entity.Version),
        EventId = RecordEvent.IdFor(entity.RowKey, entity.Version),
        Type = type,
        SeizureId = entity.RowKey,
        Version = entity.Version,
        OccurredAt = now,
        Actor = entity.UpdatedBy,
        Facts = entity.Facts,
    };

    private OutboxEntry Pending(SeizureHistoryEntity history) => new()
    {
        RowKey = history.EventId,
        Type = history.Type,
        RecordId = history.SeizureId,
        Version = history.Version,
        OccurredAt = history.OccurredAt,
        Table = _seizures.Name,
        EventPartitionKey = history.PartitionKey,
        EventRowKey = history.RowKey,
    };

    internal static string Serialize(SeizureFacts facts) => JsonSerializer.Serialize(facts, JsonBody.Options);

}

internal sealed record StoredSeizure(SeizureEntity Entity, Seizure Seizure);

internal abstract record CreateOutcome
{
    public sealed record Created(Seizure Seizure, bool Replayed) : CreateOutcome;

    public sealed record KeyReused : CreateOutcome;
}

internal abstract record UpdateOutcome
{
    public sealed record Updated(Seizure Seizure) : UpdateOutcome;

    public sealed record Stale : UpdateOutcome;
}
