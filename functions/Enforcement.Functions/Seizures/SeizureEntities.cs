using Azure;
using Azure.Data.Tables;

namespace Enforcement.Functions.Seizures;

/// <summary>
/// Table "seizures". PartitionKey = the month of the seizure ("2026-11", local date of seizedAt), RowKey = the seizure
/// id (which embeds the month, so GET by id is a point read). The same partition holds each record's change history
/// under RowKey "~evt|{id}|{version:D6}" ('~' sorts after every id, so listing a month reads ids only), written in the
/// same entity-group transaction as the record: the history and the outbox event are one row. That transaction also
/// holds the Idempotency-Key's marker ("~idem|{scope}|{key}", <see cref="Events.IdempotencyClaim"/>) and the outbox
/// marker ("~out|{eventId}", <see cref="Events.OutboxEntry"/>), deleted once the event is published.
/// </summary>
internal sealed class SeizureEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary>The normalized facts as JSON (camelCase).</summary>
    public string Facts { get; set; } = string.Empty;

    public int Version { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset SeizedAtUtc { get; set; }

    public string Office { get; set; } = string.Empty;

    /// <summary>The subject who recorded it (officers may correct only their own records).</summary>
    public string RecordedBy { get; set; } = string.Empty;

    public string UpdatedBy { get; set; } = string.Empty;

    /// <summary>Set on records brought in by an import job (null for records officers posted).</summary>
    public string? SourceImportJob { get; set; }

    /// <summary>The row (spreadsheet row, or JSON Lines line) of the import file the record came from.</summary>
    public int? SourceRow { get; set; }

    /// <summary>The case number the record had in the legacy system, when the import file gave one.</summary>
    public string? LegacyCaseNumber { get; set; }
}

internal sealed class SeizureHistoryEntity : ITableEntity
{
    public const string RowKeyPrefix = "~evt|";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string EventId { get; set; } = string.Empty;

    public string Type { get; set; } = string.Empty;

    public string SeizureId { get; set; } = string.Empty;

    public int Version { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public string Actor { get; set; } = string.Empty;

    /// <summary>The facts as they were at this version (evidence: every version of a record is kept).</summary>
    public string Facts { get; set; } = string.Empty;

    public static string RowKeyFor(string seizureId, int version) => $"{RowKeyPrefix}{seizureId}|{version:D6}";
}
