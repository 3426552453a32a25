using Azure;
using Azure.Data.Tables;

namespace Enforcement.Functions.Groups;

/// <summary>
/// Table "groups", one partition per group (PartitionKey = group id "OP-" + time-ordered key), so everything about a
/// group is read with point reads or single-partition ranges and purged partition by partition. RowKeys:
/// "group" the group (this entity); "member|{recipient key}" a member (<see cref="GroupMemberEntity"/>);
/// "join|{user key}" a join request; "m|{cursor}" a message (<see cref="GroupMessageEntity"/>, cursor time-ordered);
/// "c|{user key}|{hash of client message id}" a send claim pointing at its message (idempotent PUT);
/// "read|{user key}" a member's one read marker; "ack|{message cursor}|{user key}" an acknowledgement;
/// "seizure|{seizure id}" a seizure reported into the operation; "report" the final operation report.
/// </summary>
internal sealed class GroupEntity : ITableEntity
{
    public const string Row = "group";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = Row;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Name { get; set; } = string.Empty;

    public string Purpose { get; set; } = string.Empty;

    public string Owner { get; set; } = string.Empty;

    public string? Office { get; set; }

    public string StartsOn { get; set; } = string.Empty;

    public string EndsOn { get; set; } = string.Empty;

    public string DefaultHandling { get; set; } = string.Empty;

    public string Languages { get; set; } = string.Empty;

    public int RetentionDays { get; set; }

    public int EscalationMinutes { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set when an admin deletes the group: it reads as not found at once, and its queued purge removes it.</summary>
    public DateTimeOffset? DeletedAt { get; set; }

    /// <summary>The group is read-only from the day after its end date.</summary>
    public bool IsFrozenAt(DateTimeOffset now) => string.CompareOrdinal(now.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), EndsOn) > 0;

    [System.Runtime.Serialization.IgnoreDataMember]
    public DateTimeOffset PurgeAfter => DateTimeOffset.ParseExact(EndsOn, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
        System.Globalization.DateTimeStyles.AssumeUniversal).AddDays(1 + RetentionDays);
}

internal sealed class GroupMemberEntity : ITableEntity
{
    public const string Prefix = "member|";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary>"user" or "office".</summary>
    public string Kind { get; set; } = string.Empty;

    /// <summary>The subject or the office code.</summary>
    public string Value { get; set; } = string.Empty;

    [System.Runtime.Serialization.IgnoreDataMember]
    public string Key => RowKey[Prefix.Length..];
}

internal sealed class GroupMessageEntity : ITableEntity
{
    public const string Prefix = "m|";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string? ClientMessageId { get; set; }

    public string Sender { get; set; } = string.Empty;

    public string? SenderOffice { get; set; }

    public DateTimeOffset SentAt { get; set; }

    /// <summary>The normalized request as JSON (text, references, evaluation, named recipients).</summary>
    public string Content { get; set; } = string.Empty;

    public string RequestHash { get; set; } = string.Empty;

    public string Handling { get; set; } = string.Empty;

    public string Priority { get; set; } = string.Empty;

    public bool RequestAck { get; set; }

    public bool System { get; set; }

    [System.Runtime.Serialization.IgnoreDataMember]
    public string MessageId => RowKey[Prefix.Length..];
}

/// <summary>
/// Table "groupmembership": PartitionKey = a member's recipient key ("u|…", "o|PKKHI"), RowKey = group id: the groups
/// a caller lists with one range query per key they hold. Partition "all" lists every group once (admins' view, and
/// the hourly sweep that freezes ended groups and queues their purge: about a hundred groups a year).
/// </summary>
internal sealed class GroupMembershipEntity : ITableEntity
{
    public const string AllPartition = "all";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string? EndsOn { get; set; }

    public bool Reported { get; set; }

    public bool Purged { get; set; }
}
