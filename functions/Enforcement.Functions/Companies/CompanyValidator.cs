using System.Collections.Frozen;
using System.Text.Json;
using System.Text.RegularExpressions;
using Enforcement.Functions.Http;
using Enforcement.Functions.Persons;
using Enforcement.Functions.Validation;

namespace Enforcement.Functions.Companies;

/// <summary>Checks a company's facts, reporting every violation by field path, and returns them normalized
/// (codes in canonical case, registration numbers in upper case without spaces, each with its country).</summary>
internal static partial class CompanyValidator
{
    public const int MaxSerializedLength = 30_000;
    public const int MaxNameLength = 300;
    public const int MaxNotesLength = 4000;
    public const int MaxRegistrationNumbers = 10;

    public static readonly FrozenSet<string> Roles = FrozenSet.Create(StringComparer.Ordinal,
        "importer", "exporter", "consignee", "consignor", "carrier", "broker", "freight-forwarder", "other");

    public static (CompanyFacts Normalized, Dictionary<string, string[]> Errors) Validate(CompanyFacts facts)
    {
        var errors = new FieldErrors();
        var country = FactChecks.Country(facts.Country, "country", errors, required: true);
        var normalized = new CompanyFacts
        {
            LegalName = FactChecks.Text(facts.LegalName, "legalName", MaxNameLength, errors, required: true),
            TradingNames = FactChecks.List(facts.TradingNames, "tradingNames", errors, (n, path) => FactChecks.Text(n, path, MaxNameLength, errors, required: true)),
            RegistrationNumbers = FactChecks.List(facts.RegistrationNumbers, "registrationNumbers", errors, (r, path) => CheckRegistration(r, path, country, errors), max: MaxRegistrationNumbers),
            Country = country,
            Addresses = FactChecks.List(facts.Addresses, "addresses", errors, (a, path) => AddressChecks.Address(a, path, errors)),
            RolesSeen = FactChecks.List(facts.RolesSeen, "rolesSeen", errors, (r, path) => FactChecks.Code(r, path, Roles, errors, required: true), max: Roles.Count)?.Distinct(StringComparer.Ordinal).ToList(),
            Notes = FactChecks.Text(facts.Notes, "notes", MaxNotesLength, errors),
        };

        if (normalized.LegalName is not null && CompanyNames.Of(normalized).All(n => n.IsEmpty))
        {
            errors.Add("legalName", "The name must contain letters or digits.");
        }

        if (errors.Count == 0)
        {
            FactChecks.CheckStoredSize(JsonSerializer.Serialize(normalized, JsonBody.Options), errors, MaxSerializedLength);
        }

        return (normalized, errors.ToDictionary());
    }

    private static RegistrationNumber CheckRegistration(RegistrationNumber registration, string path, string? companyCountry, FieldErrors errors)
    {
        var scheme = registration.Scheme?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(scheme) || !Scheme().IsMatch(scheme))
        {
            errors.Add($"{path}.scheme", "Required: the register as a short lower-case code, e.g. ntn, strn, secp, vat, eori, trade-licence.");
        }

        var number = registration.Number is null ? null : new string(registration.Number.Where(c => !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant();
        if (number is null || !Number().IsMatch(number) || PersonIndexRows.NumberKey(number).Length < 3)
        {
            errors.Add($"{path}.number", "Required: 3 to 40 letters and digits, optionally with '-', '/' or '.' (spaces are removed).");
        }

        return new RegistrationNumber
        {
            Scheme = scheme,
            Number = number,
            Country = FactChecks.Country(registration.Country, $"{path}.country", errors) ?? companyCountry,
        };
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{1,29}$", RegexOptions.CultureInvariant)]
    private static partial Regex Scheme();

    [GeneratedRegex(@"^[A-Z0-9][A-Z0-9\-/.]{2,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex Number();
}
