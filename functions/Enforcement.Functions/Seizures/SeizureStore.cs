using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Enforcement.Functions.Events;
using Enforcement.Functions.Http;
using Enforcement.Functions.Storage;

namespace Enforcement.Functions.Seizures;

/// <summary>
/// The seizure database's key rules: idempotent creation, optimistic concurrency, history and outbox.
/// <para>
/// A new seizure costs two storage requests on the request path: (1) with an Idempotency-Key, the insert of the
/// key's account-wide row, which reserves the record id (<see cref="IdempotencyClaim"/>); (2) one entity-group
/// transaction in the record's month partition holding the record, its history/event row, the key's marker and the
/// outbox marker (<see cref="OutboxEntry"/>). The 201 is sent once (2) has committed: everything it promises is
/// durable. The office's listing rows and the queue message follow after the response (<see cref="OutboxPublisher"/>,
/// or the relay from the marker if the process dies first). Why that is enough:
/// <list type="bullet">
/// <item>Concurrent duplicates (same key, same body): one inserts the key row, the others read it and race to the
/// reserved id in the same partition; the record and the key marker collide, exactly one transaction commits, and the
/// others (409) read the marker and replay the winner's record.</item>
/// <item>A retry finds the key row: the record is replayed; if the first attempt has not committed (still running,
/// or it died), the retry races it to the reserved id as above.</item>
/// <item>The same key with another body is refused (422) by the key row, whatever months the bodies fall in: the
/// row is written before any transaction, so there is no window in which a second body could commit.</item>
/// <item>A process that dies before (2) has stored no record, history or event (at most the key's reservation and
/// the attempt's audit entry); one that dies after it leaves the outbox marker, which the relay publishes.</item>
/// </list>
/// </para>
/// </summary>
internal sealed partial class SeizureStore(
    TableServiceClient tables,
    StorageNames names,
    EventOutbox outbox,
    OutboxPublisher publisher,
    IdempotencyKeys keys,
    CommitInterruption interruption,
    TimeProvider time)
{
    private readonly TableClient _seizures = tables.GetTableClient(names.Table(StorageNames.Tables.Seizures));

    /// <summary>
    /// Records a seizure. <paramref name="beforeWrite"/> runs once the id is known and before anything is committed
    /// (the audit entry): if it throws, no record is written.
    /// </summary>
    public async Task<CreateOutcome> CreateAsync(SeizureFacts facts, DateTimeOffset seizedAt, string? idempotencyKey, string actor,
        Func<SeizureId, bool, Task> beforeWrite, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var month = SeizureMonth.Of(seizedAt);
        var factsJson = Serialize(facts);
        var id = SeizureId.New(month, now);
        var claim = idempotencyKey is null ? null : IdempotencyClaim.For(actor, idempotencyKey, factsJson);
        if (claim is not null && await keys.ReserveAsync(claim, id.Value, now, cancellationToken) is { } reserved)
        {
            if (reserved.RequestHash != claim.RequestHash)
            {
                return new CreateOutcome.KeyReused();
            }

            id = new SeizureId(reserved.RecordId);
            if (await GetAsync(id, cancellationToken) is { } earlier)
            {
                await beforeWrite(id, true);
                return new CreateOutcome.Created(earlier.Seizure, Replayed: true);
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
        var marker = Marker(history, facts);
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

        await beforeWrite(id, false);
        interruption.BeforeCommit(id.Value);
        if (!outbox.RelayScans(month))
        {
            await outbox.StageCopyAsync(marker, cancellationToken);
        }

        try
        {
            var response = await _seizures.SubmitTransactionAsync(actions, cancellationToken);
            entity.ETag = response.Value[0].Headers.ETag ?? default;
        }
        catch (TableTransactionFailedException ex) when (ex.Status == StatusCodes.Status409Conflict && claim is not null)
        {
            // A twin with this key committed the reserved id first (or this very transaction did, and an SDK retry of
            // it conflicted): the key's marker tells which.
            var winner = await IdempotencyKeys.FindMarkerAsync(_seizures, id.PartitionKey, claim, cancellationToken)
                ?? throw new InvalidOperationException($"Seizure {id} conflicted but its key's marker cannot be read.", ex);
            if (winner.Attempt != claim.Attempt)
            {
                var stored = await GetAsync(new SeizureId(winner.RecordId), cancellationToken)
                    ?? throw new InvalidOperationException($"Seizure {winner.RecordId} of an Idempotency-Key cannot be read.", ex);
                await beforeWrite(id, true);
                return new CreateOutcome.Created(stored.Seizure, Replayed: true);
            }
        }

        interruption.AfterCommit(id.Value);
        publisher.Publish(marker);
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
        var marker = Marker(history, facts);
        await beforeWrite();
        interruption.BeforeCommit(updated.RowKey);
        if (!outbox.RelayScans(updated.PartitionKey))
        {
            await outbox.StageCopyAsync(marker, cancellationToken);
        }

        try
        {
            var response = await _seizures.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.UpdateReplace, updated, readETag),
                    new TableTransactionAction(TableTransactionActionType.Add, history),
                    new TableTransactionAction(TableTransactionActionType.Add, marker),
                ],
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

        interruption.AfterCommit(updated.RowKey);
        publisher.Publish(marker);
        return new UpdateOutcome.Updated(SeizureMapping.ToSeizure(updated, facts));
    }

    public async Task<(IReadOnlyList<SeizureEntity> Entities, string? ContinuationToken)> ListMonthAsync(string month, int limit, string? continuationToken, CancellationToken cancellationToken)
    {
        await foreach (var page in _seizures.QueryAsync<SeizureEntity>(SeizureReader.MonthFilter(month), limit, cancellationToken: cancellationToken).AsPages(continuationToken, limit))
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

    private OutboxEntry Marker(SeizureHistoryEntity history, SeizureFacts facts)
    {
        var marker = OutboxEntry.Marker(_seizures.Name, history.PartitionKey, history.RowKey,
            new RecordEvent(history.EventId, history.Type, history.SeizureId, history.Version, history.OccurredAt));
        marker.ListingOffice = facts.Office;
        marker.ListingCategories = string.Join(',', (facts.Items ?? []).Select(i => i.Category).Distinct());
        return marker;
    }

    /// <summary>The records of a month whose events are not published yet (their outbox markers: one range query in
    /// the month's partition), for listings built from the index to merge.</summary>
    public async Task<IReadOnlyList<OutboxEntry>> UnpublishedAsync(string month, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter<OutboxEntry>(e =>
            e.PartitionKey == month && e.RowKey.CompareTo(OutboxEntry.MarkerPrefix) >= 0 && e.RowKey.CompareTo("~out}") < 0);
        var markers = new List<OutboxEntry>();
        await foreach (var marker in _seizures.QueryAsync<OutboxEntry>(filter, select: ["PartitionKey", "RowKey", "RecordId", "ListingOffice"], cancellationToken: cancellationToken))
        {
            markers.Add(marker);
        }

        return markers;
    }

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
