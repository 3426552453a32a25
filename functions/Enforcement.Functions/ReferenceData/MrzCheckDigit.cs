namespace Enforcement.Functions.ReferenceData;

// ICAO Doc 9303 check digit for machine readable zone fields (document number, dates, optional data).
internal static class MrzCheckDigit
{
    private static ReadOnlySpan<byte> Weights => [7, 3, 1];

    public static int Compute(string field)
    {
        ArgumentNullException.ThrowIfNull(field);

        return TryCompute(field, out var digit)
            ? digit
            : throw new ArgumentException("MRZ fields hold only 0-9, A-Z and the filler '<'.", nameof(field));
    }

    // Printed passport numbers usually come without the digit, so callers treat a failure as a cross-check, not a rejection.
    public static bool IsValid(string fieldWithCheckDigit)
    {
        if (fieldWithCheckDigit is not { Length: >= 2 } || !char.IsAsciiDigit(fieldWithCheckDigit[^1]))
        {
            return false;
        }

        return TryCompute(fieldWithCheckDigit.AsSpan(0, fieldWithCheckDigit.Length - 1), out var digit)
            && digit == fieldWithCheckDigit[^1] - '0';
    }

    private static bool TryCompute(ReadOnlySpan<char> field, out int digit)
    {
        var sum = 0;
        for (var i = 0; i < field.Length; i++)
        {
            var c = field[i];
            int value;
            if (char.IsAsciiDigit(c))
            {
                value = c - '0';
            }
            else if (char.IsAsciiLetterUpper(c))
            {
                value = c - 'A' + 10;
            }
            else if (c == '<')
            {
                value = 0;
            }
            else
            {
                digit = 0;
                return false;
            }

            sum += value * Weights[i % Weights.Length];
        }

        digit = sum % 10;
        return true;
    }
}
