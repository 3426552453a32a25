using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Enforcement.Functions.Events;
using Enforcement.Functions.Storage;

namespace Enforcement.Functions.Cases;

/// <summary>What a change to a case decided: refused (with the answer to give), or the rows to write.</summary>
internal abstract record CaseDecision
{
    public sealed record Refused(IResult Result) : CaseDecision;

    /// <summary>A change: <paramref name="Rows"/> commit with the case row and its timeline row; <paramref name="EventType"/>
    /// (if any) is published through the outbox once committed.</summary>
    public sealed record Change(
        string Type,
        string Summary,
        string Actor,
        JsonObject? Detail = null,
        IReadOnlyList<TableTransactionAction>? Rows = null,
        string? SubjectId = null,
        string? HandlingCode = null,
        string? EventType = null) : CaseDecision;
}

internal abstract record CaseChangeOutcome
{
    public sealed record Committed(CaseEntity Case, TimelineEntity Timeline) : CaseChangeOutcome;

    public sealed record Refused(IResult Result) : CaseChangeOutcome;

    public sealed record NotFound : CaseChangeOutcome;
}

/// <summary>
/// Reads and changes cases. Every change re-reads the case, lets the caller decide against its current state, and
/// commits the case row (with its ETag), the change's rows and a timeline row in one entity-group transaction;
/// when another change won the race the whole decision is taken again on the new state.
/// </summary>
internal sealed class CaseStore(TableServiceClient tables, BlobServiceClient blobs, StorageNames names, EventOutbox outbox, TimeProvider time, ILogger<CaseStore> logger)
{
    private const int MaxAttempts = 6;

    public TableClient Table { get; } = tables.GetTableClient(names.Table(StorageNames.Tables.Cases));

    public TableClient LinkIndex { get; } = tables.GetTableClient(names.Table(StorageNames.Tables.CaseLinks));

    public BlobContainerClient Documents { get; } = blobs.GetBlobContainerClient(names.Container(StorageNames.Containers.CaseDocuments));

    public static string NewCaseId(DateTimeOffset now) => "CS-" + TimeOrderedKey.New(now);

    public static bool IsCaseId(string? id) =>
        IsKey(id, "CS-");

    /// <summary>A prefix and a <see cref="TimeOrderedKey"/>: the shape of every id a case hands out.</summary>
    public static bool IsKey(string? id, string prefix) =>
        id is not null && id.Length == prefix.Length + TimeOrderedKey.Length && id.StartsWith(prefix, StringComparison.Ordinal)
        && !id.AsSpan(prefix.Length).ContainsAnyExcept(KeyCharacters);

    private static readonly System.Buffers.SearchValues<char> KeyCharacters = System.Buffers.SearchValues.Create(TimeOrderedKey.Alphabet);

    public async Task<CaseEntity?> GetAsync(string caseId, CancellationToken cancellationToken)
    {
        if (!IsCaseId(caseId))
        {
            return null;
        }

        var row = await Table.GetEntityIfExistsAsync<CaseEntity>(caseId, CaseEntity.Row, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    public async Task<T?> GetRowAsync<T>(string caseId, string rowKey, CancellationToken cancellationToken)
        where T : class, ITableEntity
    {
        var row = await Table.GetEntityIfExistsAsync<T>(caseId, rowKey, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    /// <summary>One page of a row family of the case ("t|", "j|"...): a single-partition range query.</summary>
    public async Task<(IReadOnlyList<T> Rows, string? ContinuationToken)> PageAsync<T>(string caseId, string from, string to, int limit, string? continuationToken, CancellationToken cancellationToken)
        where T : class, ITableEntity
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {caseId} and RowKey ge {from} and RowKey lt {to}");
        await foreach (var page in Table.QueryAsync<T>(filter, limit, cancellationToken: cancellationToken).AsPages(continuationToken, limit))
        {
            return (page.Values, page.ContinuationToken);
        }

        return ([], null);
    }

    /// <summary>Every row of a family (for small families: links, tasks, custody of one exhibit; and the bundle).</summary>
    public async Task<IReadOnlyList<T>> AllAsync<T>(string caseId, string from, string to, CancellationToken cancellationToken)
        where T : class, ITableEntity
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {caseId} and RowKey ge {from} and RowKey lt {to}");
        var rows = new List<T>();
        await foreach (var row in Table.QueryAsync<T>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    public async Task<TimelineEntity> CreateAsync(CaseEntity created, CaseDecision.Change change, CancellationToken cancellationToken)
    {
        created.Version = 1;
        var timeline = TimelineRow(created, change);
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, created), new(TableTransactionActionType.Add, timeline) };
        actions.AddRange(change.Rows ?? []);
        var pending = await StageEventAsync(created, timeline, change, cancellationToken);
        await Table.SubmitTransactionAsync(actions, cancellationToken);
        await PublishAsync(pending, cancellationToken);
        return timeline;
    }

    public async Task<CaseChangeOutcome> ChangeAsync(string caseId, Func<CaseEntity, Task<CaseDecision>> decide, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await GetAsync(caseId, cancellationToken) is not { } current)
            {
                return new CaseChangeOutcome.NotFound();
            }

            var decision = await decide(current);
            if (decision is CaseDecision.Refused refused)
            {
                return new CaseChangeOutcome.Refused(refused.Result);
            }

            var change = (CaseDecision.Change)decision;
            current.Version++;
            current.UpdatedAt = time.GetUtcNow();
            var timeline = TimelineRow(current, change);
            var actions = new List<TableTransactionAction>
            {
                new(TableTransactionActionType.UpdateReplace, current, current.ETag),
                new(TableTransactionActionType.Add, timeline),
            };
            actions.AddRange(change.Rows ?? []);
            var pending = await StageEventAsync(current, timeline, change, cancellationToken);
            try
            {
                await Table.SubmitTransactionAsync(actions, cancellationToken);
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 412 or 409 && attempt < MaxAttempts)
            {
                logger.LogInformation("Case {CaseId} changed concurrently; deciding again", caseId);
                if (pending is not null)
                {
                    await DropStagedAsync(pending, cancellationToken);
                }

                continue;
            }

            await PublishAsync(pending, cancellationToken);
            return new CaseChangeOutcome.Committed(current, timeline);
        }
    }

    private TimelineEntity TimelineRow(CaseEntity entity, CaseDecision.Change change) => new()
    {
        PartitionKey = entity.PartitionKey,
        RowKey = TimelineEntity.RowKeyFor(entity.Version),
        Version = entity.Version,
        Type = change.Type,
        At = time.GetUtcNow(),
        Actor = change.Actor,
        Summary = change.Summary,
        Detail = (change.Detail ?? []).ToJsonString(),
        SubjectId = change.SubjectId,
        HandlingCode = change.HandlingCode,
    };

    private async Task<OutboxEntry?> StageEventAsync(CaseEntity entity, TimelineEntity timeline, CaseDecision.Change change, CancellationToken cancellationToken)
    {
        if (change.EventType is null)
        {
            return null;
        }

        // Staged before the commit and pointing at the timeline row: if the process dies after the commit, the relay
        // finds the row and publishes the event.
        var entry = new OutboxEntry
        {
            RowKey = RecordEvent.IdFor(entity.PartitionKey, entity.Version),
            Type = change.EventType,
            RecordId = entity.PartitionKey,
            Version = entity.Version,
            OccurredAt = timeline.At,
            Table = Table.Name,
            EventPartitionKey = entity.PartitionKey,
            EventRowKey = timeline.RowKey,
        };
        await outbox.StageAsync(entry, cancellationToken);
        return entry;
    }

    private async Task DropStagedAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        var staged = tables.GetTableClient(names.Table(StorageNames.Tables.Outbox));
        try
        {
            await staged.DeleteEntityAsync(entry.PartitionKey, entry.RowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }
    }

    private async Task PublishAsync(OutboxEntry? entry, CancellationToken cancellationToken)
    {
        if (entry is not null)
        {
            await outbox.TryPublishAsync(entry, cancellationToken);
        }
    }
}
