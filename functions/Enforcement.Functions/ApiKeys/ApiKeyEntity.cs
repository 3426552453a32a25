using Azure;
using Azure.Data.Tables;

namespace Enforcement.Functions.ApiKeys;

/// <summary>
/// Table "apikeys". PartitionKey "apikey" (one small partition: listing all keys is one query), RowKey = key id.
/// Only a hash of the secret is kept: SHA-256, or HMAC-SHA256 with the configured pepper (<see cref="HashScheme"/>).
/// </summary>
internal sealed class ApiKeyEntity : ITableEntity
{
    public const string Partition = "apikey";

    public string PartitionKey { get; set; } = Partition;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Name { get; set; } = string.Empty;

    public string Role { get; set; } = string.Empty;

    public string? Region { get; set; }

    public string SecretHash { get; set; } = string.Empty;

    public string HashScheme { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = string.Empty;

    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public string? RevokedBy { get; set; }

    public DateTimeOffset? RotatedAt { get; set; }

    public bool IsUsable(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}
