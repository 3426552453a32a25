using Azure;
using Azure.Data.Tables;

namespace Enforcement.Functions.WatchLists;

/// <summary>
/// Table "watchlists": PartitionKey "lists", RowKey = list id ("WL-…"): every list with its version (all lists are one
/// partition: there are tens, not thousands). PartitionKey = list id, RowKey = entry id ("WE-…"): the list's entries.
/// </summary>
internal sealed class WatchListEntity : ITableEntity
{
    public const string ListsPartition = "lists";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Name { get; set; } = string.Empty;

    public string? Description { get; set; }

    public string Owner { get; set; } = string.Empty;

    /// <summary>Raised by every entry added or removed: screening reports the versions it used.</summary>
    public int Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class WatchListEntryEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Facts { get; set; } = string.Empty;

    public string Owner { get; set; } = string.Empty;

    public DateTimeOffset ValidTo { get; set; }

    public DateTimeOffset AddedAt { get; set; }

    /// <summary>The index partitions written for this entry, one per line (removed with it).</summary>
    public string IndexPartitions { get; set; } = string.Empty;
}

/// <summary>
/// Table "watchlistindex": what screening and intake look up, one partition per key: "n|t|{key}", "n|p|{k1}|{k2}"
/// (person name keys and pairs, as the suspect index), "c|…" (company names), "doc|{NUMBER}", "reg|{NUMBER}",
/// "id|{scheme}|{value}" (conveyance and container identifiers, vessel names), "tel|{E.164}", "route|{from or *}|{to or *}".
/// RowKey = "{list id}|{entry id}". Each row carries the entry, so a hit is scored and explained without another read.
/// The same table holds suppressions: PartitionKey "sup|{subject fingerprint}", RowKey = entry id.
/// </summary>
internal sealed class WatchListIndexRow : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string ListId { get; set; } = string.Empty;

    public string EntryId { get; set; } = string.Empty;

    public string Facts { get; set; } = string.Empty;

    public string Owner { get; set; } = string.Empty;

    public DateTimeOffset ValidFrom { get; set; }

    public DateTimeOffset ValidTo { get; set; }
}

/// <summary>A suppressed watch-list match for one subject: PartitionKey "sup|{fingerprint}", RowKey = entry id.</summary>
internal sealed class SuppressionEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Reviewer { get; set; } = string.Empty;

    public string Reason { get; set; } = string.Empty;

    public DateTimeOffset ExpiresAt { get; set; }

    public string DecisionId { get; set; } = string.Empty;
}

/// <summary>
/// Table "watchlisthits": a record found matching an entry on intake. PartitionKey = entry id, RowKey = record id
/// (one row per match, whatever the retries); Published once its watchlist.hit event was queued.
/// </summary>
internal sealed class WatchListHitEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string ListId { get; set; } = string.Empty;

    public string RecordKind { get; set; } = string.Empty;

    public double Score { get; set; }

    public string Owner { get; set; } = string.Empty;

    public DateTimeOffset FoundAt { get; set; }

    public bool Published { get; set; }
}
