namespace Enforcement.Functions.ReferenceData;

// ISO 3779 vehicle identification number: 17 characters without I, O and Q. The check digit (position 9) is
// mandatory only for North American vehicles (first character 1 to 5); elsewhere a mismatch is only a warning.
internal static class VinNumber
{
    public const int Length = 17;
    public const int CheckDigitIndex = 8;

    private static ReadOnlySpan<byte> Weights => [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

    // A..Z transliterated to digits; I, O and Q are not allowed (0 here, refused before use).
    private static ReadOnlySpan<byte> LetterValues => [1, 2, 3, 4, 5, 6, 7, 8, 0, 1, 2, 3, 4, 5, 0, 7, 0, 9, 2, 3, 4, 5, 6, 7, 8, 9];

    public static string Normalize(string value) =>
        new(value.ToUpperInvariant().Where(c => c is not (' ' or '-')).ToArray());

    public static bool IsWellFormed(string value) =>
        value.Length == Length && value.All(c => char.IsAsciiDigit(c) || (char.IsAsciiLetterUpper(c) && c is not ('I' or 'O' or 'Q')));

    public static bool IsNorthAmerican(string value) => value.Length > 0 && value[0] is >= '1' and <= '5';

    public static char ExpectedCheckDigit(string value)
    {
        var sum = 0;
        for (var i = 0; i < Length; i++)
        {
            var c = value[i];
            var number = char.IsAsciiDigit(c) ? c - '0' : LetterValues[c - 'A'];
            sum += number * Weights[i];
        }

        var remainder = sum % 11;
        return remainder == 10 ? 'X' : (char)('0' + remainder);
    }

    public static bool HasValidCheckDigit(string value) => IsWellFormed(value) && ExpectedCheckDigit(value) == value[CheckDigitIndex];
}
