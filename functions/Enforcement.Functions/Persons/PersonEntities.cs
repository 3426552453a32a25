using Azure;
using Azure.Data.Tables;

namespace Enforcement.Functions.Persons;

/// <summary>
/// Tables "suspects" and "companies" (one per kind, same shape). PartitionKey = the month the id was issued
/// ("2026-11", derived from the id, so GET by id is a point read), RowKey = the person id. The same partition holds
/// every version of each record under RowKey "~evt|{id}|{version:D6}" ('~' sorts after every id), written in the
/// same entity-group transaction as the record: the history and the outbox event are one row.
/// </summary>
internal sealed class PersonEntity : ITableEntity
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

    public string RecordedBy { get; set; } = string.Empty;

    /// <summary>The office of the officer who recorded it: that office may read the record before it is linked.</summary>
    public string? RecordedByOffice { get; set; }

    public string UpdatedBy { get; set; } = string.Empty;
}

internal sealed class PersonHistoryEntity : ITableEntity
{
    public const string RowKeyPrefix = "~evt|";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string EventId { get; set; } = string.Empty;

    public string Type { get; set; } = string.Empty;

    public string PersonId { get; set; } = string.Empty;

    public int Version { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public string Actor { get; set; } = string.Empty;

    /// <summary>The facts as they were at this version.</summary>
    public string Facts { get; set; } = string.Empty;

    public static string RowKeyFor(string personId, int version) => $"{RowKeyPrefix}{personId}|{version:D6}";
}
