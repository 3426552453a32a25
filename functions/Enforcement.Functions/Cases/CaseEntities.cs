using Azure;
using Azure.Data.Tables;

namespace Enforcement.Functions.Cases;

/// <summary>
/// Table "cases": one partition per case (PartitionKey = the case id "CS-…"), so that every change to a case commits
/// in one entity-group transaction with the row that records it in the timeline. RowKeys:
/// <list type="bullet">
/// <item>"case": the case itself (this class), its version counting every change;</item>
/// <item>"t|{version:D10}": the timeline, one row per change (<see cref="TimelineEntity"/>), ordered by commit;</item>
/// <item>"j|{entryId}": journal entries, append-only (<see cref="JournalEntity"/>);</item>
/// <item>"k|{taskId}": tasks; "l|{recordId}": linked records; "d|{documentId}": documents (blob "case-documents");</item>
/// <item>"x|{exhibitId}": exhibits, "x|{exhibitId}|c|{seq:D6}": their custody events (Exhibits/);</item>
/// <item>"b|{bundleId}": court bundles.</item>
/// </list>
/// A timeline page is one range query in one partition, whatever the number of events.
/// </summary>
internal sealed class CaseEntity : ITableEntity
{
    public const string Row = "case";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = Row;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public int Version { get; set; }

    public string Title { get; set; } = string.Empty;

    public string Summary { get; set; } = string.Empty;

    public string OwningOffice { get; set; } = string.Empty;

    public string? LeadInvestigator { get; set; }

    /// <summary>JSON array of subjects.</summary>
    public string Team { get; set; } = "[]";

    public string Priority { get; set; } = "medium";

    public string HandlingCode { get; set; } = "H0";

    public string Status { get; set; } = CaseCodes.Status.New;

    public string? Resolution { get; set; }

    public string? ClosingSummary { get; set; }

    public string Stage { get; set; } = CaseCodes.Stage.Detected;

    /// <summary>JSON array of <see cref="StageStep"/>: every stage reached, with its date and proving document.</summary>
    public string StageHistory { get; set; } = "[]";

    /// <summary>JSON <see cref="StageDeadline"/> of the current stage, if the stage has a statutory clock.</summary>
    public string? Deadline { get; set; }

    public DateTimeOffset DetectedAt { get; set; }

    public DateTimeOffset OpenedAt { get; set; }

    public string OpenedBy { get; set; } = string.Empty;

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public int ExhibitCount { get; set; }
}

/// <summary>One change of a case, RowKey "t|{version:D10}" in the case's partition.</summary>
internal sealed class TimelineEntity : ITableEntity
{
    public const string Prefix = "t|";
    public const string RangeEnd = "t}";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public int Version { get; set; }

    public string Type { get; set; } = string.Empty;

    public DateTimeOffset At { get; set; }

    public string Actor { get; set; } = string.Empty;

    public string Summary { get; set; } = string.Empty;

    /// <summary>The change as JSON (what a reader of the timeline needs without another request).</summary>
    public string Detail { get; set; } = "{}";

    /// <summary>The id of what changed (an entry, task, link, exhibit, document), if any.</summary>
    public string? SubjectId { get; set; }

    /// <summary>The handling code of a journal entry; H1 rows are left out of court bundles.</summary>
    public string? HandlingCode { get; set; }

    public static string RowKeyFor(int version) => $"{Prefix}{version:D10}";
}

/// <summary>A journal entry, RowKey "j|{entryId}". Never updated: corrections are new entries naming the old one.</summary>
internal sealed class JournalEntity : ITableEntity
{
    public const string Prefix = "j|";
    public const string RangeEnd = "j}";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Kind { get; set; } = string.Empty;

    public string Text { get; set; } = string.Empty;

    public string HandlingCode { get; set; } = "H0";

    public string? Corrects { get; set; }

    public string Author { get; set; } = string.Empty;

    public DateTimeOffset At { get; set; }
}

/// <summary>A task, RowKey "k|{taskId}".</summary>
internal sealed class TaskEntity : ITableEntity
{
    public const string Prefix = "k|";
    public const string RangeEnd = "k}";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Title { get; set; } = string.Empty;

    public string Assignee { get; set; } = string.Empty;

    public DateTimeOffset? DueAt { get; set; }

    public string Status { get; set; } = "open";

    public bool Overdue { get; set; }

    public bool Reminded { get; set; }

    public string CreatedBy { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A record linked to the case, RowKey "l|{recordId}"; mirrored in table "caselinks" (<see cref="CaseLinkIndexEntity"/>).</summary>
internal sealed class CaseLinkEntity : ITableEntity
{
    public const string Prefix = "l|";
    public const string RangeEnd = "l}";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Kind { get; set; } = string.Empty;

    public string TargetId { get; set; } = string.Empty;

    /// <summary>For a photo: the seizure it belongs to.</summary>
    public string? SeizureId { get; set; }

    public string LinkedBy { get; set; } = string.Empty;

    public DateTimeOffset LinkedAt { get; set; }
}

/// <summary>
/// Table "caselinks": PartitionKey = a linked record's id (seizure, suspect, company, photo), RowKey = the case id.
/// Which cases a record belongs to is one partition query. Written after the case's transaction and repaired by
/// linking again (upsert/delete are idempotent); the case-side row is the truth, confirmed on read.
/// </summary>
internal sealed class CaseLinkIndexEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Kind { get; set; } = string.Empty;

    public string OwningOffice { get; set; } = string.Empty;
}

/// <summary>A document (stage proof, disposal order or certificate), RowKey "d|{documentId}"; bytes in blob
/// "case-documents/{caseId}/{documentId}", written once.</summary>
internal sealed class CaseDocumentEntity : ITableEntity
{
    public const string Prefix = "d|";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Title { get; set; } = string.Empty;

    public string ContentType { get; set; } = string.Empty;

    public long Size { get; set; }

    public string Sha256 { get; set; } = string.Empty;

    public string UploadedBy { get; set; } = string.Empty;

    public DateTimeOffset UploadedAt { get; set; }
}

internal sealed record StageStep(string Stage, DateTimeOffset Date, string? DocumentId, DateTimeOffset RecordedAt, string RecordedBy);

internal sealed record StageDeadline(string Stage, DateTimeOffset DueAt, DateTimeOffset WarnAt, bool Warned, bool Overdue);
