using System.Diagnostics;
using System.Globalization;
using Enforcement.Functions.Seizures;
using Microsoft.Extensions.Options;

namespace Enforcement.Functions.BulkImport;

/// <summary>
/// Runs an import job in chunks: read rows (streaming), judge them (<see cref="ImportRowChecks"/>), claim their legacy
/// case numbers (<see cref="ImportCaseNumberClaims"/>: nothing per row stays in memory), write the valid ones through
/// <see cref="SeizureStore.ImportAsync"/> (unless a dry run), store the chunk's result lines, then save the job's
/// cursor and counters with its ETag. Why a crash anywhere loses and duplicates nothing: a chunk redone
/// finds its records (their ids come from the rows) and overwrites its own result blobs; the cursor moves only after
/// both. A cancel changes the job, so the next cursor save fails its ETag and the run stops there as aborted.
/// </summary>
internal sealed class ImportProcessor(
    ImportJobStore jobs,
    SeizureStore seizures,
    ImportCaseNumberClaims claims,
    ImportInterruption interruption,
    IOptions<ImportOptions> options,
    ILogger<ImportProcessor> logger)
{
    public async Task RunAsync(string jobId, CancellationToken cancellationToken)
    {
        var job = await jobs.GetAsync(jobId, cancellationToken);
        if (job is null || job.State != ImportStates.InProgress)
        {
            return;
        }

        if (job.CancelRequested)
        {
            await AbortAsync(job, cancellationToken);
            return;
        }

        job.Attempts++;
        if (!await jobs.TryUpdateAsync(job, cancellationToken))
        {
            return;
        }

        var clock = Stopwatch.StartNew();
        var checks = new ImportRowChecks(job);
        var chunk = new List<CheckedRow>(options.Value.ChunkRows);
        await using var file = await jobs.Upload(jobId).OpenReadAsync(cancellationToken: cancellationToken);
        try
        {
            await foreach (var row in ImportFileReader.ReadAsync(job.Format, file, cancellationToken))
            {
                if (row.Number < job.NextRow)
                {
                    continue;
                }

                chunk.Add(checks.Check(row));
                if (chunk.Count < options.Value.ChunkRows)
                {
                    continue;
                }

                if (!await FlushAsync(job, chunk, cancellationToken))
                {
                    return;
                }

                chunk.Clear();
                if (clock.Elapsed > options.Value.InvocationBudget)
                {
                    await jobs.EnqueueAsync(jobId, cancellationToken);
                    logger.LogInformation("Import {JobId} continues in a new invocation from row {Row}", jobId, job.NextRow);
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or DocumentFormat.OpenXml.Packaging.OpenXmlPackageException or System.IO.FileFormatException or System.Xml.XmlException)
        {
            job.State = ImportStates.Failed;
            job.Error = $"The file cannot be read as {job.Format}: {ex.Message}";
            job.FinishedAt = DateTimeOffset.UtcNow;
            await jobs.TryUpdateAsync(job, cancellationToken);
            return;
        }

        if (chunk.Count > 0 && !await FlushAsync(job, chunk, cancellationToken))
        {
            return;
        }

        job.State = ImportStates.Completed;
        job.FinishedAt = DateTimeOffset.UtcNow;
        if (!await jobs.TryUpdateAsync(job, cancellationToken) && await jobs.GetAsync(jobId, cancellationToken) is { CancelRequested: true } fresh)
        {
            await AbortAsync(fresh, cancellationToken);
        }

        logger.LogInformation("Import {JobId} completed: {Imported} imported, {Skipped} already there, {Failed} failed", jobId, job.Imported, job.Skipped, job.Failed);
    }

    /// <summary>Marks a job failed after its last attempt (the message goes on to the poison queue).</summary>
    public async Task MarkFailedAsync(string jobId, string reason, CancellationToken cancellationToken)
    {
        if (await jobs.GetAsync(jobId, cancellationToken) is { State: ImportStates.InProgress } job)
        {
            job.State = ImportStates.Failed;
            job.Error = reason;
            job.FinishedAt = DateTimeOffset.UtcNow;
            await jobs.TryUpdateAsync(job, cancellationToken);
        }
    }

    private async Task<bool> FlushAsync(ImportJobEntity job, List<CheckedRow> read, CancellationToken cancellationToken)
    {
        var chunk = await claims.RejectDuplicatesAsync(job, read, cancellationToken);
        var valid = chunk.Where(c => c.Record is not null).ToList();
        var outcomes = job.DryRun || valid.Count == 0
            ? valid.Select(_ => new ImportWriteOutcome(true, null, null)).ToList()
            : await seizures.ImportAsync(valid.Select(c => c.Record!).ToList(), job.CreatedBy, cancellationToken);
        interruption.AfterChunkWritten(job.PartitionKey, chunk[^1].Row.Number);

        var failedLines = new List<string>();
        var createdLines = new List<string>();
        int imported = 0, skipped = 0, failed = 0;
        foreach (var row in chunk.Where(c => c.Record is null))
        {
            failed++;
            failedLines.AddRange(row.Errors.Select(e => Line(row.Row.Number, row.Row.LegacyCaseNumber, e.Code, e.Field, e.Message)));
        }

        foreach (var (row, outcome) in valid.Zip(outcomes))
        {
            var mine = outcome.Created || (outcome.ExistingImportJob == job.PartitionKey && outcome.ExistingRow == row.Row.Number);
            if (mine)
            {
                imported++;
                createdLines.Add(Line(row.Row.Number, row.Row.LegacyCaseNumber, row.Record!.Id.Value));
            }
            else
            {
                skipped++;
            }
        }

        await jobs.WriteChunkResultsAsync(job, chunk[0].Row.Number, failedLines, createdLines, cancellationToken);

        var saved = Advance(job, chunk, imported, skipped, failed);
        if (await jobs.TryUpdateAsync(saved, cancellationToken))
        {
            return true;
        }

        // Changed meanwhile: a cancel (stop here, counting this chunk), or another invocation of the same job (it goes on).
        if (await jobs.GetAsync(job.PartitionKey, cancellationToken) is { CancelRequested: true, State: ImportStates.InProgress } fresh)
        {
            await AbortAsync(Advance(fresh, chunk, imported, skipped, failed), cancellationToken);
        }

        return false;
    }

    private static ImportJobEntity Advance(ImportJobEntity job, List<CheckedRow> chunk, int imported, int skipped, int failed)
    {
        job.NextRow = chunk[^1].Row.Number + 1;
        job.RowsRead += chunk.Count;
        job.Imported += imported;
        job.Skipped += skipped;
        job.Failed += failed;
        return job;
    }

    private async Task AbortAsync(ImportJobEntity job, CancellationToken cancellationToken)
    {
        job.State = ImportStates.Aborted;
        job.FinishedAt = DateTimeOffset.UtcNow;
        await jobs.TryUpdateAsync(job, cancellationToken);
        logger.LogInformation("Import {JobId} aborted at row {Row}", job.PartitionKey, job.NextRow);
    }

    private static string Line(int row, string? legacy, params string[] rest) =>
        string.Join(',', new[] { row.ToString(CultureInfo.InvariantCulture), CsvRecords.Escape(legacy) }.Concat(rest.Select(CsvRecords.Escape)));
}
