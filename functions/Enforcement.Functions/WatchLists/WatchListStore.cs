using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Enforcement.Functions.Http;
using Enforcement.Functions.Storage;

namespace Enforcement.Functions.WatchLists;

/// <summary>
/// Watch lists, their entries and the entries' index rows. Listing the lists is one partition; a list's entries one
/// partition; screening reads only index partitions. An entry expires by itself: every reader compares its validity
/// with the clock, so nothing has to run for it to stop matching (expired index rows are only dead weight, removed
/// with the entry).
/// </summary>
internal sealed class WatchListStore(TableServiceClient tables, StorageNames names, TimeProvider time)
{
    public const int MaxRowsPerPartition = 200;

    /// <summary>Every list's version goes into every screening decision: a bounded set.</summary>
    public const int MaxLists = 500;

    private readonly TableClient _lists = tables.GetTableClient(names.Table(StorageNames.Tables.WatchLists));
    private readonly TableClient _index = tables.GetTableClient(names.Table(StorageNames.Tables.WatchListIndex));
    private readonly TableClient _hits = tables.GetTableClient(names.Table(StorageNames.Tables.WatchListHits));

    public TableClient Index => _index;

    public TableClient Hits => _hits;

    public static bool IsListId(string? id) => TimeOrderedKey.IsPrefixed(id, "WL-");

    public static bool IsEntryId(string? id) => TimeOrderedKey.IsPrefixed(id, "WE-");

    public async Task<WatchListEntity> CreateListAsync(string name, string? description, string owner, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var entity = new WatchListEntity
        {
            PartitionKey = WatchListEntity.ListsPartition,
            RowKey = "WL-" + TimeOrderedKey.New(now),
            Name = name,
            Description = description,
            Owner = owner,
            Version = 0,
            CreatedAt = now,
        };
        await _lists.AddEntityAsync(entity, cancellationToken);
        return entity;
    }

    public async Task<List<WatchListEntity>> ListsAsync(CancellationToken cancellationToken)
    {
        var lists = new List<WatchListEntity>();
        await foreach (var list in _lists.QueryAsync<WatchListEntity>(l => l.PartitionKey == WatchListEntity.ListsPartition, cancellationToken: cancellationToken))
        {
            lists.Add(list);
        }

        return lists;
    }

    public async Task<WatchListEntity?> GetListAsync(string id, CancellationToken cancellationToken)
    {
        if (!IsListId(id))
        {
            return null;
        }

        var row = await _lists.GetEntityIfExistsAsync<WatchListEntity>(WatchListEntity.ListsPartition, id, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    /// <summary>Writes the entry, then its index rows, then raises the list's version.</summary>
    public async Task<WatchListEntryEntity> AddEntryAsync(string listId, WatchListEntryFacts facts, IReadOnlyList<string> partitions, CancellationToken cancellationToken)
    {
        var (entity, rows) = EntryRows(listId, facts, partitions, time.GetUtcNow());
        await _lists.AddEntityAsync(entity, cancellationToken);
        await Task.WhenAll(rows.Select(row => _index.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken)));
        await BumpVersionAsync(listId, cancellationToken);
        return entity;
    }

    /// <summary>The rows an entry is stored as: the entry in its list's partition and one index row per partition it
    /// is found under (validated facts and partitions from <see cref="WatchListValidator"/>).</summary>
    public static (WatchListEntryEntity Entry, List<WatchListIndexRow> IndexRows) EntryRows(string listId, WatchListEntryFacts facts, IReadOnlyList<string> partitions, DateTimeOffset now)
    {
        var entryId = "WE-" + TimeOrderedKey.New(now);
        var json = JsonSerializer.Serialize(facts, JsonBody.Options);
        var entity = new WatchListEntryEntity
        {
            PartitionKey = listId,
            RowKey = entryId,
            Facts = json,
            Owner = facts.Owner!,
            ValidTo = facts.ValidTo!.Value,
            AddedAt = now,
            IndexPartitions = string.Join('\n', partitions),
        };
        var rows = partitions.Select(p => new WatchListIndexRow
        {
            PartitionKey = p,
            RowKey = $"{listId}|{entryId}",
            ListId = listId,
            EntryId = entryId,
            Facts = json,
            Owner = facts.Owner!,
            ValidFrom = facts.ValidFrom!.Value,
            ValidTo = facts.ValidTo!.Value,
        }).ToList();
        return (entity, rows);
    }

    public async Task<bool> RemoveEntryAsync(string listId, string entryId, CancellationToken cancellationToken)
    {
        var row = await _lists.GetEntityIfExistsAsync<WatchListEntryEntity>(listId, entryId, cancellationToken: cancellationToken);
        if (!row.HasValue)
        {
            return false;
        }

        foreach (var partition in row.Value!.IndexPartitions.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            await DeleteIfExistsAsync(_index, partition, $"{listId}|{entryId}", cancellationToken);
        }

        await DeleteIfExistsAsync(_lists, listId, entryId, cancellationToken);
        await BumpVersionAsync(listId, cancellationToken);
        return true;
    }

    /// <summary>One page of a list's entries (one partition, oldest first).</summary>
    public async Task<(IReadOnlyList<WatchListEntryEntity> Rows, string? ContinuationToken)> EntriesAsync(string listId, Page page, CancellationToken cancellationToken)
    {
        await foreach (var rows in _lists.QueryAsync<WatchListEntryEntity>(e => e.PartitionKey == listId, page.Size, cancellationToken: cancellationToken).AsPages(page.StorageToken, page.Size))
        {
            return (rows.Values, rows.ContinuationToken);
        }

        return ([], null);
    }

    /// <summary>One page of one index partition.</summary>
    public async Task<IReadOnlyList<WatchListIndexRow>> QueryAsync(string partition, CancellationToken cancellationToken)
    {
        await foreach (var page in _index.QueryAsync<WatchListIndexRow>(r => r.PartitionKey == partition, MaxRowsPerPartition, cancellationToken: cancellationToken).AsPages(pageSizeHint: MaxRowsPerPartition))
        {
            return page.Values;
        }

        return [];
    }

    public async Task<string?> OwnerAsync(string listId, string entryId, CancellationToken cancellationToken)
    {
        var row = await _lists.GetEntityIfExistsAsync<WatchListEntryEntity>(listId, entryId, ["Owner"], cancellationToken);
        return row.HasValue ? row.Value!.Owner : null;
    }

    /// <summary>One page of an entry's intake hits (one partition).</summary>
    public async Task<(IReadOnlyList<WatchListHitEntity> Rows, string? ContinuationToken)> HitsAsync(string entryId, Page page, CancellationToken cancellationToken)
    {
        await foreach (var rows in _hits.QueryAsync<WatchListHitEntity>(h => h.PartitionKey == entryId, page.Size, cancellationToken: cancellationToken).AsPages(page.StorageToken, page.Size))
        {
            return (rows.Values, rows.ContinuationToken);
        }

        return ([], null);
    }

    public static WatchListEntryFacts Facts(string json) => JsonSerializer.Deserialize<WatchListEntryFacts>(json, JsonBody.Options)!;

    public static WatchList ToList(WatchListEntity e) => new(e.RowKey, e.Name, e.Description, e.Owner, e.Version, e.CreatedAt);

    public WatchListEntry ToEntry(WatchListEntryEntity e) => new()
    {
        Id = e.RowKey,
        ListId = e.PartitionKey,
        Facts = Facts(e.Facts),
        Owner = e.Owner,
        Expired = e.ValidTo <= time.GetUtcNow(),
        AddedAt = e.AddedAt,
    };

    private async Task BumpVersionAsync(string listId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var list = (await _lists.GetEntityAsync<WatchListEntity>(WatchListEntity.ListsPartition, listId, cancellationToken: cancellationToken)).Value;
            list.Version++;
            try
            {
                await _lists.UpdateEntityAsync(list, list.ETag, TableUpdateMode.Replace, cancellationToken);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status412PreconditionFailed)
            {
                // Another entry changed the list at the same time: read the new version and raise it again.
            }
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
}
