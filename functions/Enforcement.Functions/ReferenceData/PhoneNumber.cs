namespace Enforcement.Functions.ReferenceData;

// E.164 as stored: '+', then country code and subscriber number, 15 digits at most, never starting with 0.
internal static class PhoneNumber
{
    private const int MinDigits = 8;
    private const int MaxDigits = 15;

    public static bool IsE164(string value)
    {
        if (value is null || value.Length < MinDigits + 1 || value.Length > MaxDigits + 1 || value[0] != '+' || value[1] == '0')
        {
            return false;
        }

        for (var i = 1; i < value.Length; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                return false;
            }
        }

        return true;
    }
}
