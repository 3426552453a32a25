using System.Globalization;
using Enforcement.Functions.Identifiers;
using Enforcement.Functions.NameMatching;
using Enforcement.Functions.Validation;

namespace Enforcement.Functions.WatchLists;

/// <summary>Checks a watch-list entry for its type and works out the index partitions it is found under.</summary>
internal static class WatchListValidator
{
    public const int MaxText = 500;
    public const int MaxName = 200;
    public const int MaxNumberLength = 64;
    public const int MaxPhoneLength = 30;
    public static readonly string[] Types = ["person", "company", "conveyance", "container", "phone", "document", "route"];
    public static readonly string[] HandlingCodes = ["H0", "H1", "H2", "H3"];
    public static readonly TimeSpan MaxValidity = TimeSpan.FromDays(5 * 366);

    public static (WatchListEntryFacts Normalized, List<string> Partitions, Dictionary<string, string[]> Errors) Validate(WatchListEntryFacts facts, string caller, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        var partitions = new List<string>();
        if (facts.Type is not { } type || !Types.Contains(type, StringComparer.Ordinal))
        {
            errors.Add("type", $"Must be one of {string.Join(", ", Types)}.");
            return (facts, partitions, errors.ToDictionary());
        }

        var normalized = facts with
        {
            Name = FactChecks.Text(facts.Name, "name", MaxName, errors),
            Reason = FactChecks.Text(facts.Reason, "reason", MaxText, errors, required: true),
            Source = FactChecks.Text(facts.Source, "source", MaxName, errors, required: true),
            Owner = FactChecks.Text(facts.Owner, "owner", MaxName, errors) ?? caller,
            Country = FactChecks.Country(facts.Country, "country", errors),
            RouteFrom = FactChecks.Country(facts.RouteFrom, "routeFrom", errors),
            RouteTo = FactChecks.Country(facts.RouteTo, "routeTo", errors),
            DocumentNumber = Number(facts.DocumentNumber, "documentNumber", errors),
            RegistrationNumber = Number(facts.RegistrationNumber, "registrationNumber", errors),
            DateOfBirth = BirthDate(facts.DateOfBirth, errors),
            ValidFrom = facts.ValidFrom ?? now,
        };
        if (facts.HandlingCode is null || !HandlingCodes.Contains(facts.HandlingCode, StringComparer.Ordinal))
        {
            errors.Add("handlingCode", $"Must be one of {string.Join(", ", HandlingCodes)}.");
        }

        if (facts.ValidTo is not { } validTo)
        {
            errors.Add("validTo", "Required: every entry expires.");
        }
        else if (validTo <= normalized.ValidFrom)
        {
            errors.Add("validTo", "Must be after validFrom.");
        }
        else if (validTo - normalized.ValidFrom > MaxValidity)
        {
            errors.Add("validTo", "At most five years after validFrom: review the entry and add it again.");
        }

        void Forbid(object? value, string field)
        {
            if (value is not null)
            {
                errors.Add(field, $"Does not apply to a {type} entry.");
            }
        }

        switch (type)
        {
            case "person":
                Forbid(facts.RegistrationNumber, "registrationNumber"); Forbid(facts.Scheme, "scheme"); Forbid(facts.Identifier, "identifier");
                if (normalized.Name is null && normalized.DocumentNumber is null)
                {
                    errors.Add("name", "A person entry needs a name or a document number.");
                }

                if (normalized.Name is { } person)
                {
                    var folded = PersonNameFolding.Fold(person);
                    if (folded.IsEmpty) { errors.Add("name", "Must contain a name (letters)."); }
                    partitions.AddRange(WatchListKeys.PersonName(folded));
                }

                if (normalized.DocumentNumber is { } document) { partitions.Add(WatchListKeys.Document(document)); }
                break;
            case "company":
                Forbid(facts.DocumentNumber, "documentNumber"); Forbid(facts.DateOfBirth, "dateOfBirth"); Forbid(facts.Scheme, "scheme");
                if (normalized.Name is null && normalized.RegistrationNumber is null)
                {
                    errors.Add("name", "A company entry needs a name or a registration number.");
                }

                if (normalized.Name is { } company)
                {
                    var folded = CompanyNameFolding.Fold(company);
                    if (folded.IsEmpty) { errors.Add("name", "Must contain a name (letters)."); }
                    partitions.AddRange(WatchListKeys.CompanyName(folded));
                }

                if (normalized.RegistrationNumber is { } registration) { partitions.Add(WatchListKeys.Registration(registration)); }
                break;
            case "conveyance" or "container":
                Forbid(facts.DocumentNumber, "documentNumber"); Forbid(facts.DateOfBirth, "dateOfBirth"); Forbid(facts.RegistrationNumber, "registrationNumber");
                var scheme = type == "container" ? facts.Scheme ?? IdentifierSchemes.Container : facts.Scheme;
                if (type == "container" && scheme != IdentifierSchemes.Container)
                {
                    errors.Add("scheme", "A container entry is an ISO 6346 number (scheme iso6346).");
                }

                if (facts.Identifier is null && (type == "container" || normalized.Name is null))
                {
                    errors.Add("identifier", type == "container" ? "Required." : "A conveyance entry needs an identifier (with its scheme) or a vessel name.");
                }

                if (facts.Identifier is { } identifier)
                {
                    if (scheme is null || scheme == IdentifierSchemes.Mrz || !IdentifierSchemes.All.Contains(scheme, StringComparer.Ordinal))
                    {
                        errors.Add("scheme", $"Must be one of {string.Join(", ", IdentifierSchemes.All.Where(s => s != IdentifierSchemes.Mrz))}.");
                    }
                    else
                    {
                        var check = IdentifierSchemes.Validate(scheme, identifier);
                        foreach (var error in check.Errors) { errors.Add("identifier", error); }
                        if (check.Valid)
                        {
                            normalized = normalized with { Scheme = scheme, Identifier = check.Normalized };
                            partitions.Add(WatchListKeys.Identifier(scheme, check.Normalized!));
                        }
                    }
                }

                if (type == "conveyance" && normalized.Name is { } vessel) { partitions.Add(WatchListKeys.VesselName(vessel)); }
                break;
            case "phone":
                if (facts.Phone is null) { errors.Add("phone", "Required."); }
                else
                {
                    var phone = FactChecks.Text(facts.Phone, "phone", MaxPhoneLength, errors) is { } written ? FactChecks.Phone(written, "phone", errors) : null;
                    normalized = normalized with { Phone = phone };
                    if (phone is not null) { partitions.Add(WatchListKeys.Phone(phone)); }
                }

                break;
            case "document":
                if (normalized.DocumentNumber is null) { errors.Add("documentNumber", "Required."); }
                else { partitions.Add(WatchListKeys.Document(normalized.DocumentNumber)); }
                break;
            default:
                if (normalized.RouteFrom is null && normalized.RouteTo is null)
                {
                    errors.Add("routeFrom", "A route entry needs a departure country, a destination country or both.");
                }
                else
                {
                    partitions.Add(WatchListKeys.Route(normalized.RouteFrom, normalized.RouteTo));
                }

                break;
        }

        if (type is not ("route") && (facts.RouteFrom is not null || facts.RouteTo is not null))
        {
            errors.Add("routeFrom", $"Does not apply to a {type} entry.");
        }

        if (type is not "phone" && facts.Phone is not null)
        {
            errors.Add("phone", $"Does not apply to a {type} entry.");
        }

        return (normalized, partitions.Distinct(StringComparer.Ordinal).ToList(), errors.ToDictionary());
    }

    private static string? Number(string? value, string field, FieldErrors errors)
    {
        if (value is null)
        {
            return null;
        }

        var key = Persons.PersonIndexRows.NumberKey(value);
        if (value.Length > MaxNumberLength || key.Length is < 3 or > 40)
        {
            errors.Add(field, "Must hold 3 to 40 letters and digits.");
        }

        return key;
    }

    private static string? BirthDate(string? value, FieldErrors errors)
    {
        if (value is null)
        {
            return null;
        }

        if ((value.Length == 4 && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1900 and <= 2200)
            || DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return value;
        }

        errors.Add("dateOfBirth", "Must be YYYY-MM-DD or YYYY.");
        return null;
    }
}
