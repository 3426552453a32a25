using Azure;
using Azure.Data.Tables;

namespace Enforcement.Functions.Events;

/// <summary>
/// Table "outbox". PartitionKey "pending" (one partition: it only ever holds events in flight, a handful of rows),
/// RowKey = event id. Written before the record's transaction and deleted once the event is on the queue, so a
/// process that dies in between leaves a row the relay finds with one single-partition query.
/// The row points at the event row stored with the record (<see cref="Table"/>, <see cref="EventPartitionKey"/>,
/// <see cref="EventRowKey"/>): if that row exists the record was committed and the event (or the queued work named by
/// <see cref="Queue"/> and <see cref="Message"/>) must be published.
/// </summary>
internal sealed class OutboxEntry : ITableEntity
{
    public const string PendingPartition = "pending";

    public string PartitionKey { get; set; } = PendingPartition;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Type { get; set; } = string.Empty;

    public string RecordId { get; set; } = string.Empty;

    public int Version { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public string Table { get; set; } = string.Empty;

    public string EventPartitionKey { get; set; } = string.Empty;

    public string EventRowKey { get; set; } = string.Empty;

    /// <summary>For work other than record events: the queue (unprefixed name) and the message text to send there
    /// once the row above exists. Null means a <see cref="RecordEvent"/> on the record event queue.</summary>
    public string? Queue { get; set; }

    public string? Message { get; set; }

    public RecordEvent ToEvent() => new(RowKey, Type, RecordId, Version, OccurredAt);
}
