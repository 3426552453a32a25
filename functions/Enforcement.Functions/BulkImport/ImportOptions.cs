namespace Enforcement.Functions.BulkImport;

internal sealed class ImportOptions
{
    public const string Section = "Imports";

    /// <summary>The largest import file accepted.</summary>
    public long MaxBytes { get; set; } = 100 * 1024 * 1024;

    /// <summary>How long a job's upload URL lets the client write its file.</summary>
    public TimeSpan UploadSessionLifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Rows validated and written between two saves of the job's cursor (its results are one blob each).</summary>
    public int ChunkRows { get; set; } = 500;

    /// <summary>How long one invocation works before it hands the job on to a fresh message (the host's function
    /// timeout is 10 minutes).</summary>
    public TimeSpan InvocationBudget { get; set; } = TimeSpan.FromMinutes(4);
}
