using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Enforcement.Functions.Storage;

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

    private const string Alphabet = TimeOrderedKey.Alphabet;

    private static readonly SearchValues<char> AlphabetChars = SearchValues.Create(Alphabet);
    private static readonly SearchValues<char> HexChars = SearchValues.Create("0123456789abcdef");

    public static string New(DateTimeOffset now)
    {
        return Prefix + TimeOrderedKey.New(now);
    }

    public static bool IsValid([NotNullWhen(true)] string? value) =>
        value is { Length: 21 } && value.StartsWith(Prefix, StringComparison.Ordinal)
        && value.AsSpan(3).IndexOfAnyExcept(AlphabetChars) < 0;

    /// <summary>Upload session ids: 128 random bits, never guessable from another session's.</summary>
    public static string NewUploadId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static bool IsValidUploadId([NotNullWhen(true)] string? value) =>
        value is { Length: 32 } && value.AsSpan().IndexOfAnyExcept(HexChars) < 0;
}
