using Azure;
using Azure.Data.Tables;

namespace Enforcement.Functions.BulkImport;

/// <summary>
/// Table "importjobs". PartitionKey = the job id ("IM-" + a time-ordered key), RowKey = "job": every read and write
/// of a job is a point operation. The same partition holds the run's case-number claims
/// (<see cref="ImportCaseNumberClaims"/>). The job is the durable cursor of its processing (<see cref="NextRow"/> and
/// the counters move together after each chunk, with the ETag), so a crashed run resumes where the last chunk ended.
/// </summary>
internal sealed class ImportJobEntity : ITableEntity
{
    public const string JobRowKey = "job";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = JobRowKey;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Format { get; set; } = string.Empty;

    public string State { get; set; } = ImportStates.Open;

    public bool DryRun { get; set; }

    public string CreatedBy { get; set; } = string.Empty;

    /// <summary>The creator's office (supervisors import rows of offices within it only); null for admins.</summary>
    public string? CreatedByOffice { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset UploadExpiresAt { get; set; }

    public string? FileSha256 { get; set; }

    public long? FileBytes { get; set; }

    /// <summary>The clock the rows are validated against ("not in the future"): the start of the run, so that a resumed
    /// run and a dry run judge every row the same way.</summary>
    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Every row before this one has been processed and its results stored.</summary>
    public int NextRow { get; set; }

    public int RowsRead { get; set; }

    public int Imported { get; set; }

    public int Skipped { get; set; }

    public int Failed { get; set; }

    public int Attempts { get; set; }

    public bool CancelRequested { get; set; }

    public string? Error { get; set; }
}

internal static class ImportStates
{
    public const string Open = "open";
    public const string Uploaded = "uploaded";
    public const string InProgress = "in-progress";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Aborted = "aborted";

    public static bool IsFinal(string state) => state is Completed or Failed or Aborted;
}

internal static class ImportFormats
{
    public const string Csv = "csv";
    public const string JsonLines = "jsonl";
    public const string CenWorkbook = "cen-xlsx";

    public static readonly string[] All = [Csv, JsonLines, CenWorkbook];
}
