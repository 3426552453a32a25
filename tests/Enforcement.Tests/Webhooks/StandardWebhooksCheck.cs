using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Enforcement.Tests.Webhooks;

/// <summary>
/// A receiver's check, written from the Standard Webhooks specification and independent of the app's signer:
/// the secret is "whsec_" + base64 of the key; the signed content is "{webhook-id}.{webhook-timestamp}.{body}";
/// webhook-signature lists space-separated "v1,{base64 HMAC-SHA256}" entries, any one of which may match; the
/// timestamp must be within the tolerance (5 minutes) of now.
/// </summary>
public static class StandardWebhooksCheck
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public static bool Verify(string secret, string? webhookId, string? timestamp, string? signatureHeader, string body, DateTimeOffset now)
    {
        if (webhookId is null || signatureHeader is null
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).TotalSeconds) > Tolerance.TotalSeconds)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Expected(secret, webhookId, timestamp!, body));
        foreach (var entry in signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var comma = entry.IndexOf(',', StringComparison.Ordinal);
            if (comma > 0 && entry[..comma] == "v1" && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(entry[(comma + 1)..]), expected))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The base64 signature the specification prescribes for this content.</summary>
    public static string Expected(string secret, string webhookId, string timestamp, string body)
    {
        var key = Convert.FromBase64String(secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret[6..] : secret);
        using var hmac = new HMACSHA256(key);
        return Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes($"{webhookId}.{timestamp}.{body}")));
    }
}
