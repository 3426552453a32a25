namespace Enforcement.Functions.ReferenceData;

// ISO 6346 freight container number: owner code (3 letters), category (U, J or Z), 6-digit serial, check digit.
internal static class ContainerNumber
{
    public const int Length = 11;

    // A=10 upward, skipping 11, 22 and 33 so no letter shares a value with a multiple of the modulus.
    private static ReadOnlySpan<byte> LetterValues =>
    [
        10, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 34, 35, 36, 37, 38,
    ];

    public static bool IsValid(string value)
    {
        if (value is not { Length: Length })
        {
            return false;
        }

        for (var i = 0; i < 3; i++)
        {
            if (!char.IsAsciiLetterUpper(value[i]))
            {
                return false;
            }
        }

        if (value[3] is not ('U' or 'J' or 'Z'))
        {
            return false;
        }

        for (var i = 4; i < Length; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                return false;
            }
        }

        return CheckDigit(value.AsSpan(0, Length - 1)) == value[Length - 1];
    }

    public static string Normalize(string value)
    {
        ArgumentNullException.ThrowIfNull(value);

        return value
            .Replace(" ", string.Empty, StringComparison.Ordinal)
            .Replace("-", string.Empty, StringComparison.Ordinal)
            .ToUpperInvariant();
    }

    public static char ComputeCheckDigit(string first10)
    {
        ArgumentNullException.ThrowIfNull(first10);
        if (first10.Length != Length - 1)
        {
            throw new ArgumentException($"Expected {Length - 1} characters, got {first10.Length}.", nameof(first10));
        }

        foreach (var c in first10)
        {
            if (!char.IsAsciiLetterUpper(c) && !char.IsAsciiDigit(c))
            {
                throw new ArgumentException("Only A-Z and 0-9 take part in the check digit.", nameof(first10));
            }
        }

        return CheckDigit(first10);
    }

    private static char CheckDigit(ReadOnlySpan<char> first10)
    {
        var sum = 0;
        for (var i = 0; i < first10.Length; i++)
        {
            var c = first10[i];
            var value = char.IsAsciiDigit(c) ? c - '0' : LetterValues[c - 'A'];
            sum += value << i;
        }

        return (char)('0' + sum % 11 % 10);
    }
}
