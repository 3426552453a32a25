namespace Enforcement.Functions.ReferenceData;

// IMO ship identification number: six digits and a check digit (weights 7..2, last digit of the sum).
internal static class ImoNumber
{
    public const int Length = 7;

    private const string Prefix = "IMO";

    public static bool IsValid(string value)
    {
        if (value is not { Length: Length })
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < Length; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                return false;
            }

            if (i < Length - 1)
            {
                sum += (value[i] - '0') * (Length - i);
            }
        }

        return sum % 10 == value[Length - 1] - '0';
    }

    // "IMO 9074729", "IMO9074729" and "9074729" are all written on documents; keep only the digits.
    public static string Normalize(string value)
    {
        ArgumentNullException.ThrowIfNull(value);

        var trimmed = value.Trim();
        if (trimmed.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            trimmed = trimmed[Prefix.Length..];
            if (trimmed.StartsWith(' '))
            {
                trimmed = trimmed[1..];
            }
        }

        return trimmed;
    }
}
