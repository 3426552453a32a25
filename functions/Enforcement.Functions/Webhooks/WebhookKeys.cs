using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Enforcement.Functions.Webhooks;

/// <summary>Ids of subscriptions and deliveries, and the partition keys of table "webhooks".</summary>
internal static class WebhookKeys
{
    /// <summary>Index partitions start with '~', which <see cref="OwnerPartition"/> never produces.</summary>
    public const string AllPartition = "~all";
    public const string KeyPartition = "~key";
    public const string InstallationKeyRow = "secret-encryption";
    private const string EventPartitionPrefix = "~event|";

    private const string IdAlphabet = "abcdefghijkmnpqrstuvwxyz23456789";
    private const string Base32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const string SubscriptionPrefix = "wh_";
    private const string DeliveryPrefix = "msg_";
    private static readonly SearchValues<char> IdCharacters = SearchValues.Create(IdAlphabet);
    private static readonly SearchValues<char> Base32Characters = SearchValues.Create(Base32);

    public static string EventPartition(string eventType) => EventPartitionPrefix + eventType;

    /// <summary>The owner's subject as a partition key: characters Table keys forbid (/ \ # ? and control
    /// characters), '%' and '~' are written %XX; a subject too long for a key becomes its SHA-256.</summary>
    public static string OwnerPartition(string subject)
    {
        var escaped = new StringBuilder(subject.Length);
        foreach (var c in subject)
        {
            if (c is '/' or '\\' or '#' or '?' or '%' or '~' || char.IsControl(c))
            {
                escaped.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.Length <= 256 ? escaped.ToString() : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(subject)));
    }

    public static string NewSubscriptionId() => SubscriptionPrefix + string.Create(16, 0, static (span, _) =>
    {
        Span<byte> random = stackalloc byte[16];
        RandomNumberGenerator.Fill(random);
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = IdAlphabet[random[i] % IdAlphabet.Length];
        }
    });

    public static bool IsSubscriptionId(string? id) =>
        id is { Length: 19 } && id.StartsWith(SubscriptionPrefix, StringComparison.Ordinal) && !id.AsSpan(3).ContainsAnyExcept(IdCharacters);

    /// <summary>
    /// "msg_" + the event time inverted (10 base32 characters, so a subscription's log lists newest first) + 10
    /// characters of SHA-256(event id, subscription id). The same event always makes the same delivery for the same
    /// subscription, so a repeated fan-out finds the delivery it already made instead of sending twice.
    /// </summary>
    public static string DeliveryId(string eventId, DateTimeOffset occurredAt, string subscriptionId)
    {
        const long Max = (1L << 50) - 1;
        var inverted = Max - Math.Clamp(occurredAt.ToUnixTimeMilliseconds(), 0, Max);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{eventId}\n{subscriptionId}"));
        var hashBits = BitConverter.ToUInt64(hash, 0);
        return DeliveryPrefix + string.Create(20, (inverted, hashBits), static (span, state) =>
        {
            var (time, bits) = state;
            for (var i = 9; i >= 0; i--)
            {
                span[i] = Base32[(int)(time & 31)];
                time >>= 5;
            }

            for (var i = 19; i >= 10; i--)
            {
                span[i] = Base32[(int)(bits & 31)];
                bits >>= 5;
            }
        });
    }

    public static bool IsDeliveryId(string? id) =>
        id is { Length: 24 } && id.StartsWith(DeliveryPrefix, StringComparison.Ordinal) && !id.AsSpan(4).ContainsAnyExcept(Base32Characters);
}
