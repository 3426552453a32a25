namespace Enforcement.Functions.ApiKeys;

public sealed record CreateApiKeyRequest
{
    public string? Name { get; init; }

    public string? Role { get; init; }

    public string? Region { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }
}

/// <summary>An API key as listed: never the secret.</summary>
public sealed record ApiKeyInfo(string Id, string Name, string Role, string? Region, DateTimeOffset CreatedAt, string CreatedBy,
    DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset? RotatedAt, string Status);

/// <summary>The only response that carries the key itself: at creation and at rotation.</summary>
public sealed record IssuedApiKey(string Id, string Key, string Name, string Role, string? Region, DateTimeOffset? ExpiresAt, string Note);

public sealed record ApiKeyList(IReadOnlyList<ApiKeyInfo> Items);
