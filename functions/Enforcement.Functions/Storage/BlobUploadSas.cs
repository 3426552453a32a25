using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;
using Microsoft.Extensions.Options;

namespace Enforcement.Functions.Storage;

/// <summary>
/// Write-only SAS URLs for one blob (direct-to-blob uploads): a user-delegation SAS with a managed identity (Azure,
/// shared keys off), an account-key SAS with a connection string (Azurite). Delegation keys are reused while they
/// outlive the SAS they sign.
/// </summary>
internal sealed class BlobUploadSas(BlobServiceClient blobs, IOptions<StorageOptions> storage) : IDisposable
{
    private static readonly TimeSpan DelegationKeyLifetime = TimeSpan.FromHours(6);
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _keyLock = new(1, 1);
    private UserDelegationKey? _delegationKey;

    public async Task<Uri> SignAsync(BlobClient blob, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken)
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
                : throw new InvalidOperationException("Upload URLs need the storage account key in AzureWebJobsStorage, or a managed identity.");
        }

        sas.Protocol = SasProtocol.Https;
        await _keyLock.WaitAsync(cancellationToken);
        try
        {
            if (_delegationKey is null || _delegationKey.SignedExpiresOn < expiresAt)
            {
                _delegationKey = (await blobs.GetUserDelegationKeyAsync(now - ClockSkew, now + DelegationKeyLifetime, cancellationToken)).Value;
            }

            return new BlobUriBuilder(blob.Uri) { Sas = sas.ToSasQueryParameters(_delegationKey, blobs.AccountName) }.ToUri();
        }
        finally
        {
            _keyLock.Release();
        }
    }

    public void Dispose() => _keyLock.Dispose();
}
