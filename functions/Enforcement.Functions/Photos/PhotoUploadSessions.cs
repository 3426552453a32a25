using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Enforcement.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Enforcement.Functions.Photos;

/// <summary>
/// Upload sessions for large photos over bad networks: a SAS URL that can create and write exactly one staging blob
/// ("photo-uploads/{seizure id}/{upload id}") until it expires, so the app uploads blocks straight to Blob storage and
/// resumes by staging the missing blocks again.
/// </summary>
internal sealed class PhotoUploadSessions(
    TableServiceClient tables,
    BlobServiceClient blobs,
    StorageNames names,
    BlobUploadSas sas,
    IOptions<PhotoOptions> options,
    TimeProvider time)
{
    private readonly TableClient _photos = tables.GetTableClient(names.Table(StorageNames.Tables.Photos));
    private readonly BlobContainerClient _staging = blobs.GetBlobContainerClient(names.Container(StorageNames.Containers.PhotoUploads));

    public BlobClient Staging(string seizureId, string uploadId) => _staging.GetBlobClient($"{seizureId}/{uploadId}");

    public async Task<(PhotoUploadEntity Session, Uri UploadUrl)> OpenAsync(string seizureId, string openedBy, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var session = new PhotoUploadEntity
        {
            PartitionKey = seizureId,
            RowKey = PhotoUploadEntity.RowKeyFor(PhotoId.NewUploadId()),
            OpenedBy = openedBy,
            OpenedAt = now,
            ExpiresAt = now + options.Value.UploadSessionLifetime,
        };
        var url = await sas.SignAsync(Staging(seizureId, session.UploadId), now, session.ExpiresAt, cancellationToken);
        await _photos.AddEntityAsync(session, cancellationToken);
        return (session, url);
    }

    public async Task<PhotoUploadEntity?> GetAsync(string seizureId, string uploadId, CancellationToken cancellationToken)
    {
        var response = await _photos.GetEntityIfExistsAsync<PhotoUploadEntity>(seizureId, PhotoUploadEntity.RowKeyFor(uploadId), cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Records the photo the session became; a lost race means another completion recorded the same photo.</summary>
    public async Task CompleteAsync(PhotoUploadEntity session, string photoId, CancellationToken cancellationToken)
    {
        session.PhotoId = photoId;
        try
        {
            await _photos.UpdateEntityAsync(session, session.ETag, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status412PreconditionFailed)
        {
            // Two completions of one session converge on one photo through the content hash.
        }
    }
}
