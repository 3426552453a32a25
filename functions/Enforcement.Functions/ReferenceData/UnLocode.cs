namespace Enforcement.Functions.ReferenceData;

// UN/LOCODE: ISO country code + three characters from A-Z and 2-9 (0 and 1 are left out to avoid O and I).
internal static class UnLocode
{
    public const int Length = 5;

    public static bool IsWellFormed(string value)
    {
        if (value is not { Length: Length } || !CountryCodes.IsAssigned(value[..2]))
        {
            return false;
        }

        for (var i = 2; i < Length; i++)
        {
            var c = value[i];
            if (!char.IsAsciiLetterUpper(c) && c is not (>= '2' and <= '9'))
            {
                return false;
            }
        }

        return true;
    }
}
