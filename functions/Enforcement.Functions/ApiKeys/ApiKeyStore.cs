using Azure;
using Azure.Data.Tables;
using Enforcement.Functions.Security;
using Enforcement.Functions.Storage;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Enforcement.Functions.ApiKeys;

internal sealed class ApiKeyStore(TableServiceClient tables, StorageNames names, IMemoryCache cache, IOptions<SecurityOptions> options, TimeProvider time)
{
    private readonly TableClient _keys = tables.GetTableClient(names.Table(StorageNames.Tables.ApiKeys));

    private string? Pepper => options.Value.ApiKeyPepper;

    public async Task<IssuedApiKey> CreateAsync(string name, string role, string? region, DateTimeOffset? expiresAt, string createdBy, CancellationToken cancellationToken)
    {
        var id = ApiKeySecrets.NewId();
        var secret = ApiKeySecrets.NewSecret();
        var (hash, scheme) = ApiKeySecrets.Hash(secret, Pepper);
        var entity = new ApiKeyEntity
        {
            RowKey = id,
            Name = name,
            Role = role,
            Region = region,
            SecretHash = hash,
            HashScheme = scheme,
            CreatedAt = time.GetUtcNow(),
            CreatedBy = createdBy,
            ExpiresAt = expiresAt,
        };
        await _keys.AddEntityAsync(entity, cancellationToken);
        return new IssuedApiKey(id, ApiKeySecrets.Format(id, secret), name, role, region, expiresAt, ShownOnce);
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken cancellationToken)
    {
        var keys = new List<ApiKeyInfo>();
        await foreach (var key in _keys.QueryAsync<ApiKeyEntity>(e => e.PartitionKey == ApiKeyEntity.Partition, cancellationToken: cancellationToken))
        {
            keys.Add(ToInfo(key));
        }

        return keys;
    }

    public async Task<ApiKeyInfo?> RevokeAsync(string id, string revokedBy, CancellationToken cancellationToken)
    {
        var key = await FindAsync(id, cancellationToken);
        if (key is null)
        {
            return null;
        }

        if (key.RevokedAt is null)
        {
            key.RevokedAt = time.GetUtcNow();
            key.RevokedBy = revokedBy;
            await _keys.UpdateEntityAsync(key, key.ETag, TableUpdateMode.Replace, cancellationToken);
        }

        cache.Remove(CacheKey(id));
        return ToInfo(key);
    }

    /// <summary>Issues a new secret for the same key id; the old secret stops working at once.</summary>
    public async Task<IssuedApiKey?> RotateAsync(string id, CancellationToken cancellationToken)
    {
        var key = await FindAsync(id, cancellationToken);
        if (key is null || !key.IsUsable(time.GetUtcNow()))
        {
            return null;
        }

        var secret = ApiKeySecrets.NewSecret();
        (key.SecretHash, key.HashScheme) = ApiKeySecrets.Hash(secret, Pepper);
        key.RotatedAt = time.GetUtcNow();
        await _keys.UpdateEntityAsync(key, key.ETag, TableUpdateMode.Replace, cancellationToken);
        cache.Remove(CacheKey(id));
        return new IssuedApiKey(id, ApiKeySecrets.Format(id, secret), key.Name, key.Role, key.Region, key.ExpiresAt, ShownOnce);
    }

    /// <summary>The usable key this secret belongs to, or null. Keys are cached briefly to spare a read per request.</summary>
    public async Task<ApiKeyEntity?> VerifyAsync(string presentedKey, CancellationToken cancellationToken)
    {
        if (!ApiKeySecrets.TryParse(presentedKey, out var id, out var secret))
        {
            return null;
        }

        var key = await cache.GetOrCreateAsync(CacheKey(id), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = options.Value.ApiKeyCacheDuration;
            return await FindAsync(id, cancellationToken);
        });
        return key is not null && key.IsUsable(time.GetUtcNow()) && ApiKeySecrets.Matches(secret, key.SecretHash, key.HashScheme, Pepper) ? key : null;
    }

    private async Task<ApiKeyEntity?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (id.Length != 16 || id.Any(c => !char.IsAsciiLetterOrDigit(c)))
        {
            return null;
        }

        var response = await _keys.GetEntityIfExistsAsync<ApiKeyEntity>(ApiKeyEntity.Partition, id, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    private ApiKeyInfo ToInfo(ApiKeyEntity key) => new(key.RowKey, key.Name, key.Role, key.Region, key.CreatedAt, key.CreatedBy, key.ExpiresAt, key.RevokedAt, key.RotatedAt,
        key.RevokedAt is not null ? "revoked" : key.IsUsable(time.GetUtcNow()) ? "active" : "expired");

    private static string CacheKey(string id) => "apikey:" + id;

    private const string ShownOnce = "Store this key now: it is shown only once. Send it as 'Authorization: ApiKey <key>'.";
}
