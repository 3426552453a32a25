using Enforcement.Functions.Validation;

namespace Enforcement.Functions.Persons;

internal static class AddressChecks
{
    public static PostalAddress? Address(PostalAddress address, string path, FieldErrors errors)
    {
        var normalized = new PostalAddress
        {
            Text = FactChecks.Text(address.Text, $"{path}.text", 500, errors),
            City = FactChecks.Text(address.City, $"{path}.city", 100, errors),
            Country = FactChecks.Country(address.Country, $"{path}.country", errors, required: true),
        };
        if (normalized.Text is null && normalized.City is null)
        {
            errors.Add($"{path}.text", "An address needs its text, its city, or both.");
        }

        return normalized;
    }
}
