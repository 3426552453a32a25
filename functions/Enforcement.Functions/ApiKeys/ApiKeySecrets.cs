using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Enforcement.Functions.ApiKeys;

/// <summary>"enf.{id}.{secret}": the id finds the key with a point read; the 256-bit secret is checked against its hash.</summary>
internal static class ApiKeySecrets
{
    private const string Prefix = "enf.";
    private const string IdAlphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    public static string NewId() => string.Create(16, 0, static (span, _) =>
    {
        Span<byte> random = stackalloc byte[16];
        RandomNumberGenerator.Fill(random);
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = IdAlphabet[random[i] % IdAlphabet.Length];
        }
    });

    public static string NewSecret() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Format(string id, string secret) => $"{Prefix}{id}.{secret}";

    public static bool TryParse(string key, [NotNullWhen(true)] out string? id, [NotNullWhen(true)] out string? secret)
    {
        id = secret = null;
        if (!key.StartsWith(Prefix, StringComparison.Ordinal) || key.Length > 128)
        {
            return false;
        }

        var parts = key[Prefix.Length..].Split('.');
        if (parts.Length != 2 || parts[0].Length != 16 || parts[0].Any(c => !IdAlphabet.Contains(c, StringComparison.Ordinal)) || parts[1].Length < 40)
        {
            return false;
        }

        (id, secret) = (parts[0], parts[1]);
        return true;
    }

    public static (string Hash, string Scheme) Hash(string secret, string? pepper)
    {
        var bytes = Encoding.UTF8.GetBytes(secret);
        return string.IsNullOrEmpty(pepper)
            ? (Convert.ToHexStringLower(SHA256.HashData(bytes)), "sha256")
            : (Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(pepper), bytes)), "hmac-sha256");
    }

    public static bool Matches(string secret, string storedHash, string scheme, string? pepper)
    {
        var computed = scheme switch
        {
            "sha256" => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret))),
            "hmac-sha256" when !string.IsNullOrEmpty(pepper) => Hash(secret, pepper).Hash,
            _ => null,
        };
        return computed is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(computed), Encoding.ASCII.GetBytes(storedHash));
    }
}
