using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace Enforcement.Functions.Cases.Bundles;

/// <summary>
/// Signs court bundles with ECDSA P-256 over SHA-256 (DER signature, as `openssl dgst -sha256 -verify` reads it).
/// The private key is Cases:BundleSigningKey (PKCS#8 PEM; a Key Vault reference in Azure); in Development one is
/// generated per installation and kept in table "cases", partition "~installation".
/// </summary>
internal sealed class BundleSigner(IOptions<CaseOptions> options, CaseStore store, IHostEnvironment environment) : IDisposable
{
    private const string InstallationPartition = "~installation";
    private const string KeyRow = "bundle-signing-key";
    private readonly SemaphoreSlim _loading = new(1, 1);
    private ECDsa? _key;

    public async Task<byte[]> SignAsync(Stream data, CancellationToken cancellationToken)
    {
        var key = await KeyAsync(cancellationToken);
        var hash = await SHA256.HashDataAsync(data, cancellationToken);
        return key.SignHash(hash, DSASignatureFormat.Rfc3279DerSequence);
    }

    public async Task<bool> VerifyAsync(byte[] data, byte[] signature, CancellationToken cancellationToken)
    {
        var key = await KeyAsync(cancellationToken);
        return key.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }

    public async Task<string> PublicKeyPemAsync(CancellationToken cancellationToken) => (await KeyAsync(cancellationToken)).ExportSubjectPublicKeyInfoPem();

    public void Dispose()
    {
        _loading.Dispose();
        _key?.Dispose();
    }

    private async Task<ECDsa> KeyAsync(CancellationToken cancellationToken)
    {
        if (_key is not null)
        {
            return _key;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_key is null)
            {
                var key = ECDsa.Create();
                key.ImportFromPem(await PemAsync(cancellationToken));
                _key = key;
            }

            return _key;
        }
        finally
        {
            _loading.Release();
        }
    }

    private async Task<string> PemAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(options.Value.BundleSigningKey))
        {
            return options.Value.BundleSigningKey;
        }

        if (!environment.IsDevelopment())
        {
            throw new InvalidOperationException("Cases:BundleSigningKey is not set.");
        }

        var existing = await store.Table.GetEntityIfExistsAsync<TableEntity>(InstallationPartition, KeyRow, cancellationToken: cancellationToken);
        if (!existing.HasValue)
        {
            using var generated = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            try
            {
                await store.Table.AddEntityAsync(new TableEntity(InstallationPartition, KeyRow) { ["Pem"] = generated.ExportPkcs8PrivateKeyPem() }, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status409Conflict)
            {
                // Another instance generated it first.
            }

            existing = await store.Table.GetEntityIfExistsAsync<TableEntity>(InstallationPartition, KeyRow, cancellationToken: cancellationToken);
        }

        return existing.Value!.GetString("Pem");
    }
}
