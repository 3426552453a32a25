using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Enforcement.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Enforcement.Functions.Webhooks;

/// <summary>
/// Encrypts signing secrets at rest with AES-256-GCM, bound to their subscription id (associated data), as
/// "v1.{key id}.{base64(nonce | ciphertext | tag)}". The key is Webhooks:SecretEncryptionKey. Without it (allowed only
/// in Development, checked at start-up) a key is generated once per installation and kept in table "webhooks", so
/// that even a development database never holds a secret in plain text.
/// </summary>
internal sealed class WebhookSecretProtector(
    IOptions<WebhookOptions> options,
    TableServiceClient tables,
    StorageNames names,
    ILogger<WebhookSecretProtector> logger) : IDisposable
{
    private const string Version = "v1";
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    private readonly SemaphoreSlim _loading = new(1, 1);
    private (byte[] Key, string Id)? _key;

    public async Task<string> ProtectAsync(string secret, string subscriptionId, CancellationToken cancellationToken)
    {
        var (key, keyId) = await KeyAsync(cancellationToken);
        var plain = Encoding.UTF8.GetBytes(secret);
        var sealedBytes = new byte[NonceBytes + plain.Length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagBytes);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes, plain.Length), sealedBytes.AsSpan(NonceBytes + plain.Length), Encoding.UTF8.GetBytes(subscriptionId));
        return $"{Version}.{keyId}.{Convert.ToBase64String(sealedBytes)}";
    }

    public async Task<string> UnprotectAsync(string stored, string subscriptionId, CancellationToken cancellationToken)
    {
        var (key, keyId) = await KeyAsync(cancellationToken);
        var parts = stored.Split('.');
        if (parts.Length != 3 || parts[0] != Version)
        {
            throw new InvalidOperationException($"The signing secret of subscription {subscriptionId} is not in a known format.");
        }

        if (parts[1] != keyId)
        {
            throw new InvalidOperationException($"The signing secret of subscription {subscriptionId} was encrypted with another Webhooks:SecretEncryptionKey ({parts[1]}).");
        }

        var sealedBytes = Convert.FromBase64String(parts[2]);
        var length = sealedBytes.Length - NonceBytes - TagBytes;
        var plain = new byte[length];
        using var aes = new AesGcm(key, TagBytes);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes, length), sealedBytes.AsSpan(NonceBytes + length), plain, Encoding.UTF8.GetBytes(subscriptionId));
        return Encoding.UTF8.GetString(plain);
    }

    public void Dispose() => _loading.Dispose();

    public static byte[]? TryDecodeKey(string base64)
    {
        var buffer = new byte[64];
        return Convert.TryFromBase64String(base64.Trim(), buffer, out var written) && written == 32 ? buffer[..32] : null;
    }

    private async Task<(byte[] Key, string Id)> KeyAsync(CancellationToken cancellationToken)
    {
        if (_key is { } loaded)
        {
            return loaded;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_key is null)
            {
                var key = options.Value.SecretEncryptionKey is { } configured && !string.IsNullOrWhiteSpace(configured)
                    ? TryDecodeKey(configured) ?? throw new InvalidOperationException("Webhooks:SecretEncryptionKey is not base64 of 32 bytes.")
                    : await InstallationKeyAsync(cancellationToken);
                _key = (key, Convert.ToHexStringLower(SHA256.HashData(key))[..8]);
            }

            return _key.Value;
        }
        finally
        {
            _loading.Release();
        }
    }

    private async Task<byte[]> InstallationKeyAsync(CancellationToken cancellationToken)
    {
        var table = tables.GetTableClient(names.Table(StorageNames.Tables.Webhooks));
        var candidate = new TableEntity(WebhookKeys.KeyPartition, WebhookKeys.InstallationKeyRow)
        {
            ["Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        };
        try
        {
            await table.AddEntityAsync(candidate, cancellationToken);
            logger.LogWarning("Development: no Webhooks:SecretEncryptionKey is set; generated a key for this installation and stored it in table webhooks. Set the key in any shared environment.");
        }
        catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status409Conflict)
        {
            // Another instance (or an earlier run) made it first: everyone uses that one.
        }

        var stored = await table.GetEntityAsync<TableEntity>(WebhookKeys.KeyPartition, WebhookKeys.InstallationKeyRow, cancellationToken: cancellationToken);
        return TryDecodeKey(stored.Value.GetString("Key") ?? string.Empty)
            ?? throw new InvalidOperationException("The stored development webhook key is not 32 bytes.");
    }
}
