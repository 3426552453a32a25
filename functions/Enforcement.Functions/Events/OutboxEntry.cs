using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;

namespace Enforcement.Functions.Events;

/// <summary>
/// An event that is committed (or about to be) and not yet published. It lives in one of two places:
/// <list type="bullet">
/// <item>A <b>marker</b> in the record's own partition (tables "seizures", "suspects", "companies"): PartitionKey = the
/// record's partition (a month, "2026-11"), RowKey = "~out|{eventId}", written in the same entity-group transaction as
/// the record. Its existence proves the commit, so the relay publishes it without further checks. '~' sorts after
/// every record id, so month listings never read markers.</item>
/// <item>A <b>staged</b> entry in table "outbox": PartitionKey = the UTC month it was staged ("2026-11"), RowKey = the
/// event id, written before a write whose home the relay does not scan (photos, links, a seizure of a month long
/// past). It proves nothing by itself: it points (<see cref="Table"/>, <see cref="EventPartitionKey"/>,
/// <see cref="EventRowKey"/>) at the row that exists only if the write committed.</item>
/// </list>
/// Either way the relay finds it with single-partition queries over the last few months' partitions.
/// </summary>
internal sealed class OutboxEntry : ITableEntity
{
    public const string MarkerPrefix = "~out|";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Type { get; set; } = string.Empty;

    public string RecordId { get; set; } = string.Empty;

    public int Version { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>The (prefixed) table of the row that proves the commit; for a marker, the table the marker is in.</summary>
    public string Table { get; set; } = string.Empty;

    public string EventPartitionKey { get; set; } = string.Empty;

    public string EventRowKey { get; set; } = string.Empty;

    /// <summary>For work other than record events: the queue (unprefixed name) and the message text to send there
    /// once the row above exists. Null means a <see cref="RecordEvent"/> on the record event queue.</summary>
    public string? Queue { get; set; }

    public string? Message { get; set; }

    /// <summary>The record's office and categories (comma-separated), so that publishing can write the office's
    /// listing rows without reading the record, and listings can merge records whose rows are not written yet.</summary>
    public string? ListingOffice { get; set; }

    public string? ListingCategories { get; set; }

    /// <summary>For a marker whose partition the relay does not scan: the outbox partition holding its staged copy.</summary>
    public string? StagedIn { get; set; }

    [IgnoreDataMember]
    public bool IsMarker => RowKey.StartsWith(MarkerPrefix, StringComparison.Ordinal);

    [IgnoreDataMember]
    public string EventId => IsMarker ? RowKey[MarkerPrefix.Length..] : RowKey;

    public RecordEvent ToEvent() => new(EventId, Type, RecordId, Version, OccurredAt);

    /// <summary>A marker for the event stored in <paramref name="table"/> at the given history row, in the same partition.</summary>
    public static OutboxEntry Marker(string table, string partitionKey, string historyRowKey, RecordEvent recordEvent) => new()
    {
        PartitionKey = partitionKey,
        RowKey = MarkerPrefix + recordEvent.EventId,
        Type = recordEvent.Type,
        RecordId = recordEvent.RecordId,
        Version = recordEvent.Version,
        OccurredAt = recordEvent.OccurredAt,
        Table = table,
        EventPartitionKey = partitionKey,
        EventRowKey = historyRowKey,
    };
}
