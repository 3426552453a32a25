using Azure;
using Azure.Data.Tables;

namespace Enforcement.Functions.Exhibits;

/// <summary>
/// An exhibit lives in its case's partition of table "cases" (RowKey "x|{exhibitId}"), so that a custody event, the
/// exhibit's new state and the case's timeline row commit in one transaction. The exhibit id names its case
/// ("EX-{case key}-{n:D3}"), so GET by id is a point read.
/// </summary>
internal sealed class ExhibitEntity : ITableEntity
{
    public const string Prefix = "x|";
    public const string RangeEnd = "x}";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string SeizureId { get; set; } = string.Empty;

    public int ItemIndex { get; set; }

    public string Category { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;

    public double Quantity { get; set; }

    public string Unit { get; set; } = string.Empty;

    public string Packaging { get; set; } = string.Empty;

    /// <summary>JSON array: the seals on the exhibit now (applied and not broken since).</summary>
    public string Seals { get; set; } = "[]";

    public string StorageSite { get; set; } = string.Empty;

    public string Condition { get; set; } = string.Empty;

    public string PhotoIds { get; set; } = "[]";

    public string? Custodian { get; set; }

    public int CustodyCount { get; set; }

    /// <summary>"registered" (no custody event yet), "in-custody", or a terminal state "returned" / "destroyed".</summary>
    public string State { get; set; } = "registered";

    public bool SampleRetained { get; set; }

    public bool LegalHold { get; set; }

    public string? LegalHoldReason { get; set; }

    /// <summary>The hash of the last custody event: each event's hash covers the previous one.</summary>
    public string LastHash { get; set; } = string.Empty;

    public string CreatedBy { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A custody event, RowKey "y|{exhibitId}|{sequence:D6}" in the case's partition. Never updated.</summary>
internal sealed class CustodyEventEntity : ITableEntity
{
    public const string Prefix = "y|";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public int Sequence { get; set; }

    public string Type { get; set; } = string.Empty;

    public string? From { get; set; }

    public string? To { get; set; }

    public string? Site { get; set; }

    public DateTimeOffset At { get; set; }

    public string? Condition { get; set; }

    public string SealsBroken { get; set; } = "[]";

    public string SealsApplied { get; set; } = "[]";

    public string Witnesses { get; set; } = "[]";

    public string? Reason { get; set; }

    public string? OrderDocumentId { get; set; }

    public string? CertificateDocumentId { get; set; }

    public string RecordedBy { get; set; } = string.Empty;

    public DateTimeOffset RecordedAt { get; set; }

    public string PreviousHash { get; set; } = string.Empty;

    public string Hash { get; set; } = string.Empty;

    public static string RowKeyFor(string exhibitId, int sequence) => $"{Prefix}{exhibitId}|{sequence:D6}";
}
