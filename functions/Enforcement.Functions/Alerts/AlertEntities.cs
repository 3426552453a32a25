using Azure;
using Azure.Data.Tables;

namespace Enforcement.Functions.Alerts;

/// <summary>
/// Table "alerts", one partition per alert (PartitionKey = the alert id "AL-" + time-ordered key):
/// RowKey "alert" is the alert (this entity); "ack|{user key}" an acknowledgement (<see cref="AlertAckEntity"/>).
/// Other partitions of the same table: "idem|{user key}|{key hash}" / "key" reserves an alert id for an
/// Idempotency-Key; "read|{user key}" / "alerts" is a reader's one read marker.
/// </summary>
internal sealed class AlertEntity : ITableEntity
{
    public const string Row = "alert";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = Row;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary>The normalized request as JSON (title, body, facts, references, audience, validity, evaluation).</summary>
    public string Content { get; set; } = string.Empty;

    /// <summary>SHA-256 of the request: a reused Idempotency-Key with another body is refused.</summary>
    public string RequestHash { get; set; } = string.Empty;

    /// <summary>The recipient keys the audience resolves to, space-separated (H3: named users only).</summary>
    public string RecipientKeys { get; set; } = string.Empty;

    public string Handling { get; set; } = string.Empty;

    public string Priority { get; set; } = string.Empty;

    public bool RequestAck { get; set; }

    public string? Office { get; set; }

    public DateTimeOffset? ValidUntil { get; set; }

    public string PublishedBy { get; set; } = string.Empty;

    public DateTimeOffset PublishedAt { get; set; }

    [System.Runtime.Serialization.IgnoreDataMember]
    public IReadOnlyList<string> Recipients => RecipientKeys.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

internal sealed class AlertAckEntity : ITableEntity
{
    public const string Prefix = "ack|";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Subject { get; set; } = string.Empty;

    public string? Office { get; set; }

    public DateTimeOffset AcknowledgedAt { get; set; }
}

/// <summary>
/// Table "alertaudience": who lists which alert. PartitionKey = a recipient key (Inbox/RecipientKeys), RowKey =
/// the alert id's time-ordered key mirrored (Inbox/Cursors), so a recipient's alerts list newest first with one
/// single-partition range query per key they hold.
/// </summary>
internal sealed class AlertAudienceEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string AlertId { get; set; } = string.Empty;

    public static string RowKeyFor(string alertId) => Inbox.Cursors.Descending(alertId[3..]);
}
