using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Enforcement.Functions.Screening;

/// <summary>
/// The random red selection: a draw in [0, 1) = the first 8 bytes of HMAC-SHA256(seed, "{decisionId}|{subjectKey}")
/// as an unsigned integer divided by 2^64. It is uniform (HMAC output is indistinguishable from random), cannot be
/// steered by the subject without the seed, and is reproducible: an auditor holding the seed recomputes every draw of
/// a stored decision and proves that a random selection was random. The seed id names which seed was used.
/// </summary>
internal static class RandomFloor
{
    public static double Draw(byte[] seed, string decisionId, string subjectKey)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(seed, Encoding.UTF8.GetBytes($"{decisionId}|{subjectKey}"), mac);
        return BinaryPrimitives.ReadUInt64BigEndian(mac) / 18446744073709551616.0;
    }

    public static string SeedId(byte[] seed) => Convert.ToHexStringLower(SHA256.HashData(seed))[..12];

    public static byte[] SeedBytes(string seed) => Encoding.UTF8.GetBytes(seed);
}
