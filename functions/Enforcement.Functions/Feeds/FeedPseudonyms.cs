using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace Enforcement.Functions.Feeds;

/// <summary>
/// Stable pseudonymous ids for feed records: HMAC-SHA256 of the seizure id under Feeds:PseudonymKey, first 128 bits in
/// hex. The same seizure has the same id in every scope and every version (so RILOs can follow corrections and
/// de-duplicate across regions), but the national id cannot be recovered or confirmed without the key.
/// </summary>
internal sealed class FeedPseudonyms(IOptions<FeedOptions> options, FeedStore store, IHostEnvironment environment, ILogger<FeedPseudonyms> logger) : IDisposable
{
    private const string InstallationPartition = "~installation";
    private const string KeyRow = "pseudonym-key";

    private readonly SemaphoreSlim _loading = new(1, 1);
    private byte[]? _key;

    public async Task<Pseudonymizer> GetAsync(CancellationToken cancellationToken)
    {
        if (_key is null)
        {
            await _loading.WaitAsync(cancellationToken);
            try
            {
                _key ??= await LoadKeyAsync(cancellationToken);
            }
            finally
            {
                _loading.Release();
            }
        }

        return new Pseudonymizer(_key);
    }

    public void Dispose() => _loading.Dispose();

    private async Task<byte[]> LoadKeyAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(options.Value.PseudonymKey))
        {
            return Encoding.UTF8.GetBytes(options.Value.PseudonymKey);
        }

        if (!environment.IsDevelopment())
        {
            throw new InvalidOperationException("Feeds:PseudonymKey is not set.");
        }

        // Development only: one random key per installation, kept in the app's own storage; the first instance wins.
        var existing = await store.Table.GetEntityIfExistsAsync<TableEntity>(InstallationPartition, KeyRow, cancellationToken: cancellationToken);
        if (!existing.HasValue)
        {
            try
            {
                await store.Table.AddEntityAsync(new TableEntity(InstallationPartition, KeyRow) { ["Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }, cancellationToken);
                logger.LogInformation("Generated this installation's feed pseudonym key (Development; set Feeds:PseudonymKey elsewhere)");
            }
            catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status409Conflict)
            {
                // Another instance generated it first.
            }

            existing = await store.Table.GetEntityIfExistsAsync<TableEntity>(InstallationPartition, KeyRow, cancellationToken: cancellationToken);
        }

        return Convert.FromBase64String(existing.Value!.GetString("Key"));
    }
}

internal readonly struct Pseudonymizer(byte[] key)
{
    public string IdFor(string seizureId)
    {
        Span<byte> input = stackalloc byte[Encoding.UTF8.GetMaxByteCount(seizureId.Length)];
        var length = Encoding.UTF8.GetBytes(seizureId, input);
        Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, input[..length], hash);
        return Convert.ToHexStringLower(hash[..16]);
    }
}
