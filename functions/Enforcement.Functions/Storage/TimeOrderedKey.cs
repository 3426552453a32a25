using System.Security.Cryptography;

namespace Enforcement.Functions.Storage;

/// <summary>
/// The random part of record ids: 48-bit milliseconds then 40 random bits, in Crockford base32 (18 characters), so ids
/// made later sort later within a partition and never collide in practice.
/// </summary>
internal static class TimeOrderedKey
{
    public const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    public const int Length = 18;

    private static readonly System.Buffers.SearchValues<char> AlphabetValues = System.Buffers.SearchValues.Create(Alphabet);

    /// <summary>Whether <paramref name="id"/> is <paramref name="prefix"/> followed by a key this class made (the id
    /// patterns of the API document say the same).</summary>
    public static bool IsPrefixed(string? id, string prefix) =>
        id is not null && id.Length == prefix.Length + Length && id.StartsWith(prefix, StringComparison.Ordinal)
        && id.AsSpan(prefix.Length).IndexOfAnyExcept(AlphabetValues) < 0;

    public static string New(DateTimeOffset now)
    {
        Span<char> chars = stackalloc char[Length];
        var time = (ulong)now.ToUnixTimeMilliseconds();
        for (var i = 9; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(time & 31)];
            time >>= 5;
        }

        Span<byte> random = stackalloc byte[5];
        RandomNumberGenerator.Fill(random);
        ulong bits = 0;
        foreach (var b in random)
        {
            bits = (bits << 8) | b;
        }

        for (var i = Length - 1; i >= 10; i--)
        {
            chars[i] = Alphabet[(int)(bits & 31)];
            bits >>= 5;
        }

        return new string(chars);
    }
}
