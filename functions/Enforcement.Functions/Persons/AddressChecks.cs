using Enforcement.Functions.Validation;

namespace Enforcement.Functions.Persons;

internal static class AddressChecks
{
    public const int MaxTextLength = 500;
    public const int MaxCityLength = 100;

    public static PostalAddress? Address(PostalAddress address, string path, FieldErrors errors)
    {
        var normalized = new PostalAddress
        {
            Text = FactChecks.Text(address.Text, $"{path}.text", MaxTextLength, errors),
            City = FactChecks.Text(address.City, $"{path}.city", MaxCityLength, errors),
            Country = FactChecks.Country(address.Country, $"{path}.country", errors, required: true),
        };
        if (normalized.Text is null && normalized.City is null)
        {
            errors.Add($"{path}.text", "An address needs its text, its city, or both.");
        }

        return normalized;
    }
}
