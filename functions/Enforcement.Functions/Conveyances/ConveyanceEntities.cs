using Azure;
using Azure.Data.Tables;

namespace Enforcement.Functions.Conveyances;

/// <summary>
/// Table "conveyances", one partition per conveyance (PartitionKey = conveyance id "CV-…"):
/// RowKey "record" holds the record (facts as JSON); "same|{other id}" an edge of its cluster (both records carry it);
/// "judgement|{target id}" the current judgement of a target (a conveyance or a seizure), replaced when judged again;
/// "trail|{target id}|{inverted ticks}" every judgement ever made, newest first.
/// </summary>
internal sealed class ConveyanceEntity : ITableEntity
{
    public const string RecordRow = "record";
    public const string SamePrefix = "same|";
    public const string JudgementPrefix = "judgement|";
    public const string TrailPrefix = "trail|";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Kind { get; set; } = string.Empty;

    public string Facts { get; set; } = string.Empty;

    public DateTimeOffset RecordedAt { get; set; }

    public string RecordedBy { get; set; } = string.Empty;

    public string? Warnings { get; set; }
}

/// <summary>A judgement row (RowKey "judgement|…" or "trail|…" in the conveyance's partition).</summary>
internal sealed class JudgementEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string TargetId { get; set; } = string.Empty;

    public string Verdict { get; set; } = string.Empty;

    public string? Reason { get; set; }

    public string JudgedBy { get; set; } = string.Empty;

    public DateTimeOffset JudgedAt { get; set; }
}

/// <summary>
/// Table "conveyanceindex": every lookup by identifier is one partition here. PartitionKey = "{scheme}|{normalised
/// value}" (imo|9074729, iso6346|CSQU3054383, plate|LEA1234, name|OCEAN STAR...), RowKey = conveyance id. The same
/// table holds "sz|{scheme}|{value}" partitions whose RowKey is a seizure id: the strong identifiers past seizures
/// named, with a non-nominal summary of the seizure, so screening finds history even without a conveyance record.
/// </summary>
internal sealed class ConveyanceIndexRow : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Kind { get; set; } = string.Empty;

    public string? SeizedAt { get; set; }

    public string? Office { get; set; }

    public string? Categories { get; set; }

    public string? Concealment { get; set; }
}

/// <summary>
/// Table "conveyancelinks": seizures resolved or offered to conveyances, both ways. PartitionKey = conveyance id,
/// RowKey = seizure id (the conveyance's seizures: one partition); PartitionKey = seizure id, RowKey = conveyance id
/// (a seizure's conveyances). Status: "resolved" (a strong identifier with a valid check digit matched), "candidate"
/// (a weak identifier matched, awaiting an analyst), "same" / "different" / "unsure" (judged). Carries the seizure's
/// non-nominal summary so history answers without reading seizures.
/// </summary>
internal sealed class ConveyanceLinkEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Status { get; set; } = string.Empty;

    public string Scheme { get; set; } = string.Empty;

    public string Identifier { get; set; } = string.Empty;

    public string SeizedAt { get; set; } = string.Empty;

    public string Office { get; set; } = string.Empty;

    public string? Categories { get; set; }

    public string? Concealment { get; set; }

    public bool Confirmed => Status is ConveyanceLinkStatus.Resolved or ConveyanceLinkStatus.Same;
}

internal static class ConveyanceLinkStatus
{
    public const string Resolved = "resolved";
    public const string Candidate = "candidate";
    public const string Same = "same";
    public const string Different = "different";
    public const string Unsure = "unsure";
}
