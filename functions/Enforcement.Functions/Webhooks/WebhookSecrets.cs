using System.Security.Cryptography;
using System.Text;

namespace Enforcement.Functions.Webhooks;

/// <summary>
/// Standard Webhooks signing. A secret is "whsec_" + base64 of 32 random bytes; the HMAC key is those bytes. A
/// signature is "v1," + base64(HMAC-SHA256(key, "{webhook-id}.{webhook-timestamp}.{body}")); the header carries one,
/// space-separated, per secret in use (two during a rotation's overlap).
/// </summary>
internal static class WebhookSecrets
{
    public const string Prefix = "whsec_";
    private const int SecretBytes = 32;

    public static string NewSecret() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(SecretBytes));

    public static byte[] KeyOf(string secret) =>
        Convert.FromBase64String(secret.StartsWith(Prefix, StringComparison.Ordinal) ? secret[Prefix.Length..] : secret);

    public static string Sign(string webhookId, long timestamp, ReadOnlySpan<byte> body, IEnumerable<string> secrets)
    {
        var signed = Encoding.UTF8.GetBytes(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{webhookId}.{timestamp}."));
        var signatures = new List<string>(2);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        foreach (var secret in secrets)
        {
            using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, KeyOf(secret));
            hmac.AppendData(signed);
            hmac.AppendData(body);
            hmac.GetHashAndReset(mac);
            signatures.Add("v1," + Convert.ToBase64String(mac));
        }

        return string.Join(' ', signatures);
    }
}
