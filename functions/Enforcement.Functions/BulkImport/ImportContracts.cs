namespace Enforcement.Functions.BulkImport;

public sealed record CreateImportRequest
{
    /// <summary>"csv", "jsonl" or "cen-xlsx".</summary>
    public string? Format { get; init; }
}

public sealed record StartImportRequest
{
    /// <summary>Validate every row and write nothing (the failed-rows file is produced all the same).</summary>
    public bool? DryRun { get; init; }
}

public sealed record ImportProgress(int RowsRead, int Imported, int Skipped, int Failed);

/// <summary>An import job. In a dry run, "imported" counts the rows that would be imported.</summary>
public sealed record ImportJob(
    string Id,
    string Format,
    string State,
    bool DryRun,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FinishedAt,
    long MaxBytes,
    Uri? UploadUrl,
    DateTimeOffset UploadExpiresAt,
    string? FileSha256,
    long? FileBytes,
    ImportProgress Progress,
    bool CancelRequested,
    string? Error,
    string FailedRowsUrl,
    string CreatedIdsUrl);
