using Azure;
using Azure.Data.Tables;

namespace Enforcement.Functions.Inbox;

/// <summary>
/// Table "inbox": one partition per recipient key (<see cref="RecipientKeys"/>). RowKey = the cursor, a time-ordered
/// key made at delivery, so "everything since my cursor" is one single-partition range query with a page limit. The
/// row is a pointer (kind and item id, no content): content is read from its source when the inbox is read, so a purge
/// or a withdrawn membership takes effect at once, and reading it is audited there. A delivery also writes a marker
/// row "~d|{hash of the item}" in the same transaction, which makes a repeated delivery of the same item a no-op.
/// </summary>
internal sealed class InboxEntryEntity : ITableEntity
{
    public const string MarkerPrefix = "~d|";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary>alert, message or notice.</summary>
    public string Kind { get; set; } = string.Empty;

    /// <summary>The alert id, "{groupId}/{messageId}", or the notice id.</summary>
    public string ItemId { get; set; } = string.Empty;

    public DateTimeOffset DeliveredAt { get; set; }

    /// <summary>Notices only (other features' events): a short non-nominal text, its type and the record it is about.</summary>
    public string? NoticeType { get; set; }

    public string? NoticeText { get; set; }

    public string? RecordId { get; set; }
}

internal static class InboxKinds
{
    public const string Alert = "alert";
    public const string Message = "message";
    public const string Notice = "notice";

    public static readonly IReadOnlyList<string> All = [Alert, Message, Notice];
}
