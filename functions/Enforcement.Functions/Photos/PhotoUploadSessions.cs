using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;
using Enforcement.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Enforcement.Functions.Photos;

/// <summary>
/// Upload sessions for large photos over bad networks: a SAS URL that can create and write exactly one staging blob
/// ("photo-uploads/{seizure id}/{upload id}") until it expires, so the app uploads blocks straight to Blob storage and
/// resumes by staging the missing blocks again. With a managed identity (Azure, shared keys off) the SAS is a
/// user-delegation SAS; with a connection string (Azurite) an account-key SAS.
/// </summary>
internal sealed class PhotoUploadSessions(
    TableServiceClient tables,
    BlobServiceClient blobs,
    StorageNames names,
    IOptions<StorageOptions> storage,
    IOptions<PhotoOptions> options,
    TimeProvider time) : IDisposable
{
    /// <summary>Delegation keys are valid for up to seven days; one is reused while it outlives the SAS it signs.</summary>
    private static readonly TimeSpan DelegationKeyLifetime = TimeSpan.FromHours(6);

    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly TableClient _photos = tables.GetTableClient(names.Table(StorageNames.Tables.Photos));
    private readonly BlobContainerClient _staging = blobs.GetBlobContainerClient(names.Container(StorageNames.Containers.PhotoUploads));
    private readonly SemaphoreSlim _keyLock = new(1, 1);
    private UserDelegationKey? _delegationKey;

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
        var url = await SignAsync(Staging(seizureId, session.UploadId), now, session.ExpiresAt, cancellationToken);
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

    private async Task<Uri> SignAsync(BlobClient blob, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var sas = new BlobSasBuilder
        {
            BlobContainerName = blob.BlobContainerName,
            BlobName = blob.Name,
            Resource = "b",
            StartsOn = now - ClockSkew,
            ExpiresOn = expiresAt,
        };
        sas.SetPermissions(BlobSasPermissions.Create | BlobSasPermissions.Write);
        if (!storage.Value.UsesIdentity)
        {
            return blob.CanGenerateSasUri
                ? blob.GenerateSasUri(sas)
                : throw new InvalidOperationException("Upload sessions need the storage account key in AzureWebJobsStorage, or a managed identity.");
        }

        sas.Protocol = SasProtocol.Https;
        var key = await DelegationKeyAsync(now, expiresAt, cancellationToken);
        return new BlobUriBuilder(blob.Uri) { Sas = sas.ToSasQueryParameters(key, blobs.AccountName) }.ToUri();
    }

    private async Task<UserDelegationKey> DelegationKeyAsync(DateTimeOffset now, DateTimeOffset mustOutlive, CancellationToken cancellationToken)
    {
        await _keyLock.WaitAsync(cancellationToken);
        try
        {
            if (_delegationKey is null || _delegationKey.SignedExpiresOn < mustOutlive)
            {
                _delegationKey = (await blobs.GetUserDelegationKeyAsync(now - ClockSkew, now + DelegationKeyLifetime, cancellationToken)).Value;
            }

            return _delegationKey;
        }
        finally
        {
            _keyLock.Release();
        }
    }

    public void Dispose() => _keyLock.Dispose();
}
