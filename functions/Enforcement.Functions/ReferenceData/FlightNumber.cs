namespace Enforcement.Functions.ReferenceData;

// IATA flight designator: 2-character airline code, 1-4 digit flight number, optional operational suffix letter.
internal static class FlightNumber
{
    private const int DesignatorLength = 2;
    private const int MaxDigits = 4;

    public static bool IsWellFormed(string value)
    {
        if (value is null || value.Length < DesignatorLength + 1 || value.Length > DesignatorLength + MaxDigits + 1)
        {
            return false;
        }

        var first = value[0];
        var second = value[1];
        if (!IsDesignatorCharacter(first) || !IsDesignatorCharacter(second)
            || (char.IsAsciiDigit(first) && char.IsAsciiDigit(second)))
        {
            return false;
        }

        var end = char.IsAsciiLetterUpper(value[^1]) ? value.Length - 1 : value.Length;
        var digits = end - DesignatorLength;
        if (digits is < 1 or > MaxDigits)
        {
            return false;
        }

        for (var i = DesignatorLength; i < end; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                return false;
            }
        }

        return true;
    }

    // Boarding passes and manifests print "PK 301"; the stored form is "PK301".
    public static string Normalize(string value)
    {
        ArgumentNullException.ThrowIfNull(value);

        var trimmed = value.Trim();
        if (trimmed.Length > DesignatorLength && trimmed[DesignatorLength] == ' ')
        {
            trimmed = trimmed.Remove(DesignatorLength, 1);
        }

        return trimmed.ToUpperInvariant();
    }

    private static bool IsDesignatorCharacter(char c) => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c);
}
