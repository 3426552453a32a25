using Azure;
using Azure.Data.Tables;
using Enforcement.Functions.Events;
using Enforcement.Functions.Seizures;
using Enforcement.Functions.Storage;

namespace Enforcement.Functions.Persons;

/// <summary>
/// The suspect and company databases' key rules, shared by both kinds: idempotent creation, optimistic concurrency,
/// and one entity-group transaction per write carrying the record, its history/event row, the Idempotency-Key's
/// marker and the outbox marker (see <see cref="Seizures.SeizureStore"/> for why that is enough; the same reasoning
/// holds with the month the id was issued as the partition). The record's event is published after the response
/// (<see cref="OutboxPublisher"/>, or the relay). The name index is brought up to date right after each commit and
/// before the response, because the duplicate guard of the very next request must find the record; if that write
/// is cut short, the record's event repairs it.
/// </summary>
internal sealed class PersonStore(
    TableServiceClient tables,
    PersonIndex index,
    OutboxPublisher publisher,
    IdempotencyKeys keys,
    CommitInterruption interruption,
    TimeProvider time,
    StorageNames names,
    ILogger<PersonStore> logger)
{
    private TableClient Table(PersonKind kind) => tables.GetTableClient(names.Table(kind.Table));

    /// <summary>
    /// Reserves the id a new record will have. With an Idempotency-Key the key's row is inserted first (one storage
    /// request), so that retries and concurrent duplicates converge on one record: a replay returns the stored record,
    /// a key used with another body is refused.
    /// </summary>
    public async Task<Reservation> ReserveAsync(PersonKind kind, string factsJson, string? idempotencyKey, string actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var id = PersonId.New(kind, now);
        if (idempotencyKey is null)
        {
            return new Reservation(id, null, null, KeyReused: false);
        }

        var claim = IdempotencyClaim.For(actor, $"{kind.Name}\n{idempotencyKey}", factsJson);
        if (await keys.ReserveAsync(claim, id.Value, now, cancellationToken) is not { } existing)
        {
            return new Reservation(id, claim, null, KeyReused: false);
        }

        if (existing.RequestHash != claim.RequestHash || !PersonId.TryParse(existing.RecordId, kind, out var reserved))
        {
            return new Reservation(id, claim, null, KeyReused: true);
        }

        // The first attempt may not have committed (still running, or it died): then this one races it to its id.
        return new Reservation(reserved.Value, claim, await GetAsync(reserved.Value, cancellationToken), KeyReused: false);
    }

    /// <summary>Commits a new record under a reserved id. <paramref name="beforeWrite"/> (the audit entry) runs before
    /// anything is written; if it throws, nothing is. A concurrent twin with the same key that committed first wins,
    /// and its record is returned as a replay.</summary>
    public async Task<(PersonEntity Entity, bool Replayed)> CreateAsync(PersonKind kind, Reservation reservation, string factsJson, string actor, string? office,
        Func<Task> beforeWrite, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var id = reservation.Id;
        var claim = reservation.Claim;
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
        var marker = Marker(kind, history);
        List<TableTransactionAction> actions =
        [
            new(TableTransactionActionType.Add, entity),
            new(TableTransactionActionType.Add, history),
            new(TableTransactionActionType.Add, marker),
        ];
        if (claim is not null)
        {
            actions.Add(new(TableTransactionActionType.Add, claim.Marker(id.PartitionKey, id.Value, now)));
        }

        await beforeWrite();
        interruption.BeforeCommit(id.Value);
        try
        {
            var response = await Table(kind).SubmitTransactionAsync(actions, cancellationToken);
            entity.ETag = response.Value[0].Headers.ETag ?? default;
        }
        catch (TableTransactionFailedException ex) when (ex.Status == StatusCodes.Status409Conflict && claim is not null)
        {
            var winner = await IdempotencyKeys.FindMarkerAsync(Table(kind), id.PartitionKey, claim, cancellationToken)
                ?? throw new InvalidOperationException($"Record {id} conflicted but its key's marker cannot be read.", ex);
            if (winner.Attempt != claim.Attempt)
            {
                return (await GetAsync(id, cancellationToken) ?? throw new InvalidOperationException($"Record {id} conflicted but cannot be read.", ex), true);
            }
        }

        interruption.AfterCommit(id.Value);
        await IndexAsync(kind, entity, [], cancellationToken);
        publisher.Publish(marker);
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
        var marker = Marker(kind, history);
        await beforeWrite();
        interruption.BeforeCommit(updated.RowKey);
        try
        {
            var response = await Table(kind).SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.UpdateReplace, updated, current.ETag),
                    new TableTransactionAction(TableTransactionActionType.Add, history),
                    new TableTransactionAction(TableTransactionActionType.Add, marker),
                ],
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

        interruption.AfterCommit(updated.RowKey);
        await IndexAsync(kind, updated, [current.Facts], cancellationToken);
        publisher.Publish(marker);
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

    private OutboxEntry Marker(PersonKind kind, PersonHistoryEntity history) =>
        OutboxEntry.Marker(Table(kind).Name, history.PartitionKey, history.RowKey,
            new RecordEvent(history.EventId, history.Type, history.PersonId, history.Version, history.OccurredAt));

}

/// <summary>The id a new record will have and its Idempotency-Key's claim; <see cref="Replay"/> is set when the key's
/// record exists.</summary>
internal sealed record Reservation(PersonId Id, IdempotencyClaim? Claim, PersonEntity? Replay, bool KeyReused);
