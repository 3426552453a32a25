using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Enforcement.Functions.Storage;

namespace Enforcement.Functions.Feeds;

/// <summary>The feeds' storage rules: immutable version files, the per-month pointer blob, the month index table.</summary>
internal sealed class FeedStore(BlobServiceClient blobs, TableServiceClient tables, StorageNames names)
{
    /// <summary>Each streaming upload buffers one block of this size: memory per open file, independent of the record count.</summary>
    public const int UploadBlockBytes = 1024 * 1024;

    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(names.Container(StorageNames.Containers.Feeds));
    private readonly TableClient _table = tables.GetTableClient(names.Table(StorageNames.Tables.Feeds));

    public TableClient Table => _table;

    public async Task<StoredPointer?> GetPointerAsync(string scope, string month, CancellationToken cancellationToken)
    {
        try
        {
            var content = (await _container.GetBlobClient(FeedFiles.PointerOf(scope, month)).DownloadContentAsync(cancellationToken)).Value;
            var pointer = content.Content.ToObjectFromJson(FeedJsonContext.Default.FeedPointer)
                ?? throw new InvalidOperationException($"The pointer of {scope}/{month} is empty.");
            return new StoredPointer(pointer, content.Details.ETag);
        }
        catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status404NotFound)
        {
            return null;
        }
    }

    /// <summary>Moves the pointer to a new version, only if nobody moved it since <paramref name="previous"/> was read.</summary>
    public Task WritePointerAsync(string scope, string month, FeedPointer pointer, StoredPointer? previous, CancellationToken cancellationToken) =>
        _container.GetBlobClient(FeedFiles.PointerOf(scope, month)).UploadAsync(
            BinaryData.FromObjectAsJson(pointer, FeedJsonContext.Default.FeedPointer),
            new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = FeedFiles.JsonMediaType },
                Conditions = previous is null ? new BlobRequestConditions { IfNoneMatch = ETag.All } : new BlobRequestConditions { IfMatch = previous.ETag },
            },
            cancellationToken);

    public async Task<FeedSummary?> ReadLatestSummaryAsync(string scope, string month, CancellationToken cancellationToken)
    {
        if (await GetPointerAsync(scope, month, cancellationToken) is not { } latest)
        {
            return null;
        }

        var content = (await _container.GetBlobClient(FeedFiles.PathOf(scope, month, latest.Pointer.Version, FeedFiles.Summary))
            .DownloadContentAsync(cancellationToken)).Value.Content;
        return JsonSerializer.Deserialize(content, FeedJsonContext.Default.FeedSummary);
    }

    /// <summary>One more than the highest version folder of the month, published or not: a build that died half-way
    /// leaves files that were never pointed to, and they must not be written over.</summary>
    public async Task<int> NextVersionAsync(string scope, string month, CancellationToken cancellationToken)
    {
        var highest = 0;
        var folder = FeedFiles.MonthFolder(scope, month);
        await foreach (var entry in _container.GetBlobsByHierarchyAsync(BlobTraits.None, BlobStates.None, "/", folder, cancellationToken))
        {
            if (entry.IsPrefix && entry.Prefix.Length > folder.Length + 2 && entry.Prefix[folder.Length] == 'v'
                && int.TryParse(entry.Prefix.AsSpan(folder.Length + 1, entry.Prefix.Length - folder.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                highest = Math.Max(highest, version);
            }
        }

        return highest + 1;
    }

    /// <summary>A streaming upload of gzip-compressed content that claims the blob when opened (If-None-Match: *):
    /// a second writer fails at once.</summary>
    public Task<Stream> OpenNewCompressedFileAsync(string path, string mediaType, CancellationToken cancellationToken) =>
        _container.GetBlockBlobClient(path).OpenWriteAsync(true, new BlockBlobOpenWriteOptions
        {
            BufferSize = UploadBlockBytes,
            HttpHeaders = new BlobHttpHeaders { ContentType = mediaType, ContentEncoding = "gzip" },
            OpenConditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
        }, cancellationToken);

    public Task UploadNewFileAsync(string path, BinaryData content, string mediaType, CancellationToken cancellationToken) =>
        _container.GetBlobClient(path).UploadAsync(content, new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = mediaType },
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
        }, cancellationToken);

    /// <summary>Removes files of a version that was never pointed to (its content equalled the published version's).</summary>
    public Task DeleteUnpublishedAsync(string path, CancellationToken cancellationToken) =>
        _container.GetBlobClient(path).DeleteIfExistsAsync(cancellationToken: cancellationToken);

    public async Task<BlobDownloadStreamingResult?> OpenFileAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return (await _container.GetBlobClient(path).DownloadStreamingAsync(cancellationToken: cancellationToken)).Value;
        }
        catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status404NotFound)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<FeedEntity>> ListMonthsAsync(string scope, CancellationToken cancellationToken)
    {
        var rows = new List<FeedEntity>();
        await foreach (var row in _table.QueryAsync<FeedEntity>(e => e.PartitionKey == scope, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    public async Task<FeedEntity?> GetEntryAsync(string scope, string month, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<FeedEntity>(scope, month, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    public Task UpsertEntryAsync(FeedEntity entry, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(entry, TableUpdateMode.Replace, cancellationToken);

    /// <summary>Leases "_locks/{month}" so that one build of a month runs at a time; null when another holds it.</summary>
    public async Task<FeedMonthLock?> TryLockMonthAsync(string month, ILogger logger, CancellationToken cancellationToken)
    {
        var blob = _container.GetBlobClient(FeedFiles.LockOf(month));
        try
        {
            await blob.UploadAsync(BinaryData.Empty, new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is StatusCodes.Status409Conflict or StatusCodes.Status412PreconditionFailed)
        {
            // The lock blob exists already (possibly leased).
        }

        var lease = blob.GetBlobLeaseClient();
        try
        {
            await lease.AcquireAsync(FeedMonthLock.Duration, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status409Conflict)
        {
            return null;
        }

        return new FeedMonthLock(lease, logger, cancellationToken);
    }
}

internal sealed record StoredPointer(FeedPointer Pointer, ETag ETag);
