using Azure;
using Azure.Data.Tables;
using Enforcement.Functions.Events;
using Enforcement.Functions.Seizures;
using Enforcement.Functions.Storage;

namespace Enforcement.Functions.Persons;

/// <summary>
/// The suspect and company databases' key rules, shared by both kinds: idempotent creation, optimistic concurrency,
/// history and outbox in the record's transaction, and the index brought up to date right after each commit (the
/// record's event repeats that, so an index write cut short is repaired).
/// </summary>
internal sealed class PersonStore(
    TableServiceClient tables,
    StorageNames names,
    EventOutbox outbox,
    PersonIndex index,
    TimeProvider time,
    ILogger<PersonStore> logger)
{
    private readonly TableClient _idempotency = tables.GetTableClient(names.Table(StorageNames.Tables.Idempotency));

    private TableClient Table(PersonKind kind) => tables.GetTableClient(names.Table(kind.Table));

    /// <summary>
    /// Reserves the id a new record will have. With an Idempotency-Key the reservation is stored first, so that
    /// retries and concurrent duplicates converge on one record: a replay returns the stored record, a key reused
    /// with another body is refused.
    /// </summary>
    public async Task<Reservation> ReserveAsync(PersonKind kind, string factsJson, string? idempotencyKey, string actor, CancellationToken cancellationToken)
    {
        var id = PersonId.New(kind, time.GetUtcNow());
        if (idempotencyKey is null)
        {
            return new Reservation(id, null, KeyReused: false);
        }

        var reservation = new IdempotencyEntity
        {
            PartitionKey = Sha256Hex.Of(actor),
            RowKey = Sha256Hex.Of($"{kind.Name}\n{idempotencyKey}"),
            RequestHash = Sha256Hex.Of(factsJson),
            RecordId = id.Value,
            CreatedAt = time.GetUtcNow(),
        };
        try
        {
            await _idempotency.AddEntityAsync(reservation, cancellationToken);
            return new Reservation(id, null, KeyReused: false);
        }
        catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status409Conflict)
        {
            var existing = (await _idempotency.GetEntityAsync<IdempotencyEntity>(reservation.PartitionKey, reservation.RowKey, cancellationToken: cancellationToken)).Value;
            if (existing.RequestHash != reservation.RequestHash || !PersonId.TryParse(existing.RecordId, kind, out var reserved))
            {
                return new Reservation(id, null, KeyReused: true);
            }

            // The first attempt may not have committed (still running, or it died): then this one uses its id.
            return new Reservation(reserved.Value, await GetAsync(reserved.Value, cancellationToken), KeyReused: false);
        }
    }

    /// <summary>Commits a new record under a reserved id. <paramref name="beforeWrite"/> (the audit entry) runs before
    /// anything is written; if it throws, nothing is. A concurrent twin that committed the id first wins, and its
    /// record is returned as a replay.</summary>
    public async Task<(PersonEntity Entity, bool Replayed)> CreateAsync(PersonKind kind, PersonId id, string factsJson, string actor, string? office,
        Func<Task> beforeWrite, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var entity = new PersonEntity
        {
            PartitionKey = id.PartitionKey,
            RowKey = id.RowKey,
            Facts = factsJson,
            Version = 1,
            RecordedAt = now,
            UpdatedAt = now,
            RecordedBy = actor,
            RecordedByOffice = office,
            UpdatedBy = actor,
        };
        var history = History(entity, kind.RecordedEvent, now);
        var pending = Pending(kind, history);
        await beforeWrite();
        await outbox.StageAsync(pending, cancellationToken);
        try
        {
            var response = await Table(kind).SubmitTransactionAsync(
                [new TableTransactionAction(TableTransactionActionType.Add, entity), new TableTransactionAction(TableTransactionActionType.Add, history)],
                cancellationToken);
            entity.ETag = response.Value[0].Headers.ETag ?? default;
        }
        catch (TableTransactionFailedException ex) when (ex.Status == StatusCodes.Status409Conflict)
        {
            var winner = await GetAsync(id, cancellationToken) ?? throw new InvalidOperationException($"Record {id} conflicted but cannot be read.", ex);
            return (winner, true);
        }

        await IndexAsync(kind, entity, [], cancellationToken);
        await outbox.TryPublishAsync(pending, cancellationToken);
        return (entity, false);
    }

    public async Task<PersonEntity?> GetAsync(PersonId id, CancellationToken cancellationToken)
    {
        var response = await Table(id.Kind).GetEntityIfExistsAsync<PersonEntity>(id.PartitionKey, id.RowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Point reads of several records at once (missing ones are left out), in the order given.</summary>
    public async Task<IReadOnlyList<PersonEntity>> GetManyAsync(IReadOnlyList<PersonId> ids, CancellationToken cancellationToken)
    {
        var found = new PersonEntity?[ids.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, ids.Count), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (i, ct) => found[i] = await GetAsync(ids[i], ct));
        return found.OfType<PersonEntity>().ToList();
    }

    /// <summary>Replaces the facts if the record is still the version that was read; Stale when someone else won.</summary>
    public async Task<PersonEntity?> UpdateAsync(PersonKind kind, PersonEntity current, string factsJson, string actor,
        Func<Task> beforeWrite, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var updated = new PersonEntity
        {
            PartitionKey = current.PartitionKey,
            RowKey = current.RowKey,
            Facts = factsJson,
            Version = current.Version + 1,
            RecordedAt = current.RecordedAt,
            UpdatedAt = now,
            RecordedBy = current.RecordedBy,
            RecordedByOffice = current.RecordedByOffice,
            UpdatedBy = actor,
        };
        var history = History(updated, kind.UpdatedEvent, now);
        var pending = Pending(kind, history);
        await beforeWrite();
        await outbox.StageAsync(pending, cancellationToken);
        try
        {
            var response = await Table(kind).SubmitTransactionAsync(
                [new TableTransactionAction(TableTransactionActionType.UpdateReplace, updated, current.ETag), new TableTransactionAction(TableTransactionActionType.Add, history)],
                cancellationToken);
            updated.ETag = response.Value[0].Headers.ETag ?? default;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is StatusCodes.Status412PreconditionFailed or StatusCodes.Status409Conflict)
        {
            // A retried transaction that did succeed also reports 412/409: only a different current version is a conflict.
            var now2 = await GetAsync(new PersonId(current.RowKey), cancellationToken);
            if (now2 is null || now2.Version != updated.Version || now2.Facts != factsJson)
            {
                return null;
            }

            updated = now2;
        }

        await IndexAsync(kind, updated, [current.Facts], cancellationToken);
        await outbox.TryPublishAsync(pending, cancellationToken);
        return updated;
    }

    public async Task<IReadOnlyList<PersonHistoryEntity>> HistoryAsync(PersonId id, CancellationToken cancellationToken)
    {
        var from = PersonHistoryEntity.RowKeyPrefix + id.Value + "|";
        var to = PersonHistoryEntity.RowKeyPrefix + id.Value + "}";
        var filter = TableClient.CreateQueryFilter<PersonHistoryEntity>(e =>
            e.PartitionKey == id.PartitionKey && e.RowKey.CompareTo(from) > 0 && e.RowKey.CompareTo(to) < 0);
        var rows = new List<PersonHistoryEntity>();
        await foreach (var row in Table(id.Kind).QueryAsync<PersonHistoryEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>The repair path: brings the index of a record up to date from its current state and every earlier
    /// version (so rows of any version in between are removed too).</summary>
    public async Task ReindexAsync(PersonId id, CancellationToken cancellationToken)
    {
        var entity = await GetAsync(id, cancellationToken) ?? throw new InvalidOperationException($"Record {id} does not exist.");
        var history = await HistoryAsync(id, cancellationToken);
        await index.RefreshAsync(id.Kind, entity.RowKey, entity.Version, entity.Facts, history.Where(h => h.Version < entity.Version).Select(h => h.Facts), cancellationToken);
    }

    /// <summary>A new record is entered into the index before the request answers, so that it is found (and guards
    /// against duplicates) at once. If that is cut short the record's event repairs it within seconds.</summary>
    private async Task IndexAsync(PersonKind kind, PersonEntity entity, IEnumerable<string> earlier, CancellationToken cancellationToken)
    {
        try
        {
            await index.RefreshAsync(kind, entity.RowKey, entity.Version, entity.Facts, earlier, cancellationToken);
        }
        catch (RequestFailedException ex)
        {
            logger.LogWarning("Indexing {PersonId} v{Version} failed with {Status} {Code}; its record event will repair it", entity.RowKey, entity.Version, ex.Status, ex.ErrorCode);
        }
    }

    private static PersonHistoryEntity History(PersonEntity entity, string type, DateTimeOffset now) => new()
    {
        PartitionKey = entity.PartitionKey,
        RowKey = PersonHistoryEntity.RowKeyFor(entity.RowKey, entity.Version),
        EventId = RecordEvent.IdFor(entity.RowKey, entity.Version),
        Type = type,
        PersonId = entity.RowKey,
        Version = entity.Version,
        OccurredAt = now,
        Actor = entity.UpdatedBy,
        Facts = entity.Facts,
    };

    private OutboxEntry Pending(PersonKind kind, PersonHistoryEntity history) => new()
    {
        RowKey = history.EventId,
        Type = history.Type,
        RecordId = history.PersonId,
        Version = history.Version,
        OccurredAt = history.OccurredAt,
        Table = Table(kind).Name,
        EventPartitionKey = history.PartitionKey,
        EventRowKey = history.RowKey,
    };

}

/// <summary>The id a new record will have; <see cref="Replay"/> is set when the Idempotency-Key's record exists.</summary>
internal sealed record Reservation(PersonId Id, PersonEntity? Replay, bool KeyReused);
