using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using Enforcement.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Enforcement.Functions.BulkImport;

/// <summary>
/// Import jobs and their files. Blobs in container "imports": "{job}/upload" (written by the client through the job's
/// write-only SAS), and per run ("import" or "dry-run") one result blob per chunk,
/// "{job}/{run}/failed/{first row:D9}.csv" and "{job}/{run}/created/{first row:D9}.csv", overwritten when a resumed
/// run redoes a chunk, so the files served (the chunks concatenated in order) never repeat a row.
/// </summary>
internal sealed class ImportJobStore(
    TableServiceClient tables,
    BlobServiceClient blobs,
    QueueServiceClient queues,
    StorageNames names,
    BlobUploadSas sas,
    IOptions<ImportOptions> options,
    TimeProvider time)
{
    public const string FailedRowsHeader = "row,legacyCaseNumber,code,field,message";
    public const string CreatedIdsHeader = "row,legacyCaseNumber,seizureId";

    private readonly TableClient _jobs = tables.GetTableClient(names.Table(StorageNames.Tables.ImportJobs));
    private readonly BlobContainerClient _files = blobs.GetBlobContainerClient(names.Container(StorageNames.Containers.Imports));
    private readonly QueueClient _queue = queues.GetQueueClient(names.Queue(StorageNames.Queues.ImportJobs));

    public BlobClient Upload(string jobId) => _files.GetBlobClient($"{jobId}/upload");

    public static string RunOf(ImportJobEntity job) => job.DryRun ? "dry-run" : "import";

    public async Task<(ImportJobEntity Job, Uri UploadUrl)> CreateAsync(string format, string createdBy, string? office, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var job = new ImportJobEntity
        {
            PartitionKey = "IM-" + TimeOrderedKey.New(now),
            Format = format,
            CreatedBy = createdBy,
            CreatedByOffice = office,
            CreatedAt = now,
            UpdatedAt = now,
            UploadExpiresAt = now + options.Value.UploadSessionLifetime,
        };
        var url = await sas.SignAsync(Upload(job.PartitionKey), now, job.UploadExpiresAt, cancellationToken);
        await _jobs.AddEntityAsync(job, cancellationToken);
        return (job, url);
    }

    public async Task<ImportJobEntity?> GetAsync(string jobId, CancellationToken cancellationToken)
    {
        var response = await _jobs.GetEntityIfExistsAsync<ImportJobEntity>(jobId, ImportJobEntity.JobRowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Replaces the job if it is still the version read; false when someone else changed it first.</summary>
    public async Task<bool> TryUpdateAsync(ImportJobEntity job, CancellationToken cancellationToken)
    {
        job.UpdatedAt = time.GetUtcNow();
        try
        {
            var response = await _jobs.UpdateEntityAsync(job, job.ETag, TableUpdateMode.Replace, cancellationToken);
            job.ETag = response.Headers.ETag ?? default;
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status412PreconditionFailed)
        {
            return false;
        }
    }

    /// <summary>The uploaded file's size and SHA-256 (read once, streaming), or null when nothing was uploaded.</summary>
    public async Task<(long Bytes, string Sha256)?> InspectUploadAsync(string jobId, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await Upload(jobId).GetPropertiesAsync(cancellationToken: cancellationToken);
            if (properties.Value.ContentLength > options.Value.MaxBytes)
            {
                return (properties.Value.ContentLength, string.Empty);
            }

            await using var stream = await Upload(jobId).OpenReadAsync(cancellationToken: cancellationToken);
            using var sha = SHA256.Create();
            var hash = await sha.ComputeHashAsync(stream, cancellationToken);
            return (properties.Value.ContentLength, Convert.ToHexStringLower(hash));
        }
        catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status404NotFound)
        {
            return null;
        }
    }

    public Task EnqueueAsync(string jobId, CancellationToken cancellationToken) =>
        _queue.SendMessageAsync(jobId, cancellationToken);

    public async Task WriteChunkResultsAsync(ImportJobEntity job, int firstRow, IReadOnlyList<string> failedLines, IReadOnlyList<string> createdLines, CancellationToken cancellationToken)
    {
        var name = firstRow.ToString("D9", CultureInfo.InvariantCulture) + ".csv";
        var run = RunOf(job);
        await WriteLinesAsync($"{job.PartitionKey}/{run}/failed/{name}", failedLines, cancellationToken);
        await WriteLinesAsync($"{job.PartitionKey}/{run}/created/{name}", createdLines, cancellationToken);
    }

    private async Task WriteLinesAsync(string blobName, IReadOnlyList<string> lines, CancellationToken cancellationToken)
    {
        var blob = _files.GetBlobClient(blobName);
        if (lines.Count == 0)
        {
            // A chunk redone after a crash may now have nothing where the first attempt had lines.
            await blob.DeleteIfExistsAsync(cancellationToken: cancellationToken);
            return;
        }

        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.Append(line).Append("\r\n");
        }

        await blob.UploadAsync(BinaryData.FromString(text.ToString()), overwrite: true, cancellationToken);
    }

    /// <summary>Streams a run's result file: the header, then every chunk's lines in row order.</summary>
    public async Task WriteResultFileAsync(ImportJobEntity job, string kind, Stream destination, CancellationToken cancellationToken)
    {
        var header = kind == "failed" ? FailedRowsHeader : CreatedIdsHeader;
        await destination.WriteAsync(Encoding.UTF8.GetBytes(header + "\r\n"), cancellationToken);
        await foreach (var item in _files.GetBlobsAsync(new GetBlobsOptions { Prefix = $"{job.PartitionKey}/{RunOf(job)}/{kind}/" }, cancellationToken))
        {
            await _files.GetBlobClient(item.Name).DownloadToAsync(destination, cancellationToken);
        }
    }

    public async Task DeleteRunResultsAsync(ImportJobEntity job, CancellationToken cancellationToken)
    {
        await foreach (var item in _files.GetBlobsAsync(new GetBlobsOptions { Prefix = $"{job.PartitionKey}/{RunOf(job)}/" }, cancellationToken))
        {
            await _files.DeleteBlobIfExistsAsync(item.Name, cancellationToken: cancellationToken);
        }
    }
}
