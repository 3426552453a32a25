using Azure;
using Azure.Data.Tables;

namespace Enforcement.Functions.Screening;

/// <summary>
/// Table "screenings", one partition per decision (PartitionKey = decision id "DC-…"): RowKey "decision" (who, when,
/// context, versions used), "s|{subject key}" (the subject's full result as JSON, unredacted, its fingerprint and the
/// rules it hit), "f|{subject key}" (the examination result reported for it, once).
/// </summary>
internal sealed class DecisionEntity : ITableEntity
{
    public const string DecisionRow = "decision";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string ScreenedBy { get; set; } = string.Empty;

    public DateTimeOffset ScreenedAt { get; set; }

    public string? Context { get; set; }

    public string ListVersions { get; set; } = string.Empty;

    public string RuleVersions { get; set; } = string.Empty;

    public int Subjects { get; set; }
}

internal sealed class SubjectResultEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Result { get; set; } = string.Empty;

    public string Fingerprint { get; set; } = string.Empty;

    /// <summary>Rule ids hit, comma-separated.</summary>
    public string RuleIds { get; set; } = string.Empty;
}

internal sealed class FeedbackEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Result { get; set; } = string.Empty;

    public string? SeizureId { get; set; }

    public string ReportedBy { get; set; } = string.Empty;

    public DateTimeOffset ReportedAt { get; set; }
}
