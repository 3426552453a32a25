using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Enforcement.Functions.Photos;

/// <summary>
/// "PH-01JD3XQ5ZK8M4T7R2B": 48-bit milliseconds then 40 random bits in Crockford base32, so a seizure's photos list
/// in the order they arrived and photo rows sort apart from the other rows of the seizure's partition.
/// </summary>
internal static class PhotoId
{
    public const string Prefix = "PH-";

    /// <summary>The first string after every photo id in ordinal order ('.' follows '-').</summary>
    public const string RangeEnd = "PH.";

    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private static readonly SearchValues<char> AlphabetChars = SearchValues.Create(Alphabet);
    private static readonly SearchValues<char> HexChars = SearchValues.Create("0123456789abcdef");

    public static string New(DateTimeOffset now)
    {
        Span<char> chars = stackalloc char[18];
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

        for (var i = 17; i >= 10; i--)
        {
            chars[i] = Alphabet[(int)(bits & 31)];
            bits >>= 5;
        }

        return Prefix + new string(chars);
    }

    public static bool IsValid([NotNullWhen(true)] string? value) =>
        value is { Length: 21 } && value.StartsWith(Prefix, StringComparison.Ordinal)
        && value.AsSpan(3).IndexOfAnyExcept(AlphabetChars) < 0;

    /// <summary>Upload session ids: 128 random bits, never guessable from another session's.</summary>
    public static string NewUploadId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static bool IsValidUploadId([NotNullWhen(true)] string? value) =>
        value is { Length: 32 } && value.AsSpan().IndexOfAnyExcept(HexChars) < 0;
}
