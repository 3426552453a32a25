using System.Buffers.Text;
using System.Text;

namespace Enforcement.Functions.Http;

/// <summary>Storage continuation tokens, made opaque and URL-safe (base64url) for every paged listing.</summary>
internal static class ContinuationToken
{
    public static string? Encode(string? token) =>
        token is null ? null : Base64Url.EncodeToString(Encoding.UTF8.GetBytes(token));

    /// <summary>The storage token, or null when the value is not one this API handed out.</summary>
    public static string? Decode(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 2048 || !Base64Url.IsValid(token))
        {
            return null;
        }

        return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
    }
}
