using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Enforcement.Functions.Http;
using Enforcement.Functions.ReferenceData;
using Enforcement.Functions.Validation;

namespace Enforcement.Functions.Seizures;

/// <summary>
/// Checks a seizure's facts against the code lists and check digits, reporting every violation by field path
/// (RFC 9457 "errors"), and returns the facts normalized (upper-case codes, canonical container and IMO numbers).
/// </summary>
internal static partial class SeizureValidator
{
    public const int MaxItems = 50;
    public const int MaxContainers = 100;
    public const int MaxTransitCountries = 20;
    public const int MaxNarrativeLength = 8000;
    public const int MaxItemDescriptionLength = 300;
    public const int MaxConcealmentDescriptionLength = 2000;
    public const int MaxVehicleRegistrationLength = 20;
    public const int MaxTransportDocumentLength = 100;
    public const decimal MaxQuantity = 1_000_000_000_000m;

    /// <summary>The record is kept in one Table string property, which holds at most 32K UTF-16 characters.</summary>
    public const int MaxSerializedLength = 30_000;

    private static readonly TimeSpan AllowedClockSkew = TimeSpan.FromMinutes(10);

    public static (SeizureFacts Normalized, DateTimeOffset SeizedAt, Dictionary<string, string[]> Errors) Validate(SeizureFacts facts, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        var seizedAt = CheckSeizedAt(facts.SeizedAt, now, errors);
        var office = CheckOffice(facts.Office, errors);
        var normalized = facts with
        {
            SeizedAt = facts.SeizedAt?.Trim(),
            Office = office,
            Procedure = FactChecks.Code(facts.Procedure, "procedure", SeizureCodes.Procedures, errors, required: true),
            DetectionMethod = FactChecks.Code(facts.DetectionMethod, "detectionMethod", SeizureCodes.DetectionMethods, errors, required: true),
            Items = CheckItems(facts.Items, errors),
            Concealment = CheckConcealment(facts.Concealment, errors),
            Conveyance = CheckConveyance(facts.Conveyance, errors),
            Route = CheckRoute(facts.Route, errors),
            Narrative = FactChecks.Text(facts.Narrative, "narrative", MaxNarrativeLength, errors, required: false),
        };

        if (errors.Count == 0 && JsonSerializer.Serialize(normalized, JsonBody.Options).Length > MaxSerializedLength)
        {
            errors.Add("$", $"The record is too large to store (over {MaxSerializedLength} characters as JSON); shorten the narrative or descriptions.");
        }

        return (normalized, seizedAt, errors.ToDictionary());
    }

    private static DateTimeOffset CheckSeizedAt(string? value, DateTimeOffset now, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add("seizedAt", "Required: the date and time of the seizure with its UTC offset, e.g. 2026-11-20T14:30:00+05:00.");
            return default;
        }

        if (!Rfc3339().IsMatch(value.Trim())
            || !DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            errors.Add("seizedAt", "Must be an RFC 3339 date-time with an offset or Z, e.g. 2026-11-20T14:30:00+05:00.");
            return default;
        }

        if (parsed > now + AllowedClockSkew)
        {
            errors.Add("seizedAt", "Cannot be in the future.");
        }
        else if (parsed.Year < 1950)
        {
            errors.Add("seizedAt", "Must be in 1950 or later.");
        }

        return parsed;
    }

    private static string? CheckOffice(string? value, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add("office", "Required: the customs office code, a UN/LOCODE optionally followed by '-' and a unit, e.g. PKKHI or PKKHI-APFT.");
            return value;
        }

        var office = value.Trim().ToUpperInvariant();
        var dash = office.IndexOf('-', StringComparison.Ordinal);
        var locode = dash < 0 ? office : office[..dash];
        if (!UnLocode.IsWellFormed(locode) || (dash >= 0 && !OfficeUnit().IsMatch(office[(dash + 1)..])))
        {
            errors.Add("office", "Must be a UN/LOCODE (country code + 3 letters or digits 2-9) optionally followed by '-' and a unit of 1 to 10 letters or digits, e.g. PKKHI-APFT.");
        }

        return office;
    }

    private static List<SeizedItem>? CheckItems(IReadOnlyList<SeizedItem>? items, FieldErrors errors)
    {
        if (items is null || items.Count == 0)
        {
            errors.Add("items", "At least one seized item is required.");
            return items?.ToList();
        }

        if (items.Count > MaxItems)
        {
            errors.Add("items", $"At most {MaxItems} items per seizure.");
        }

        var result = new List<SeizedItem>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"items[{i}]";
            var item = items[i];
            if (item is null)
            {
                errors.Add(path, "Must be an object.");
                continue;
            }

            result.Add(item with
            {
                Category = FactChecks.Code(item.Category, $"{path}.category", SeizureCodes.Categories, errors, required: true),
                Description = FactChecks.Text(item.Description, $"{path}.description", MaxItemDescriptionLength, errors, required: true),
                HsCode = CheckHsCode(item.HsCode, $"{path}.hsCode", errors),
                Quantity = CheckQuantity(item.Quantity, $"{path}.quantity", errors),
                Unit = FactChecks.Code(item.Unit, $"{path}.unit", SeizureCodes.Units, errors, required: true),
                EstimatedValue = CheckMoney(item.EstimatedValue, $"{path}.estimatedValue", errors),
            });
        }

        return result;
    }

    private static string? CheckHsCode(string? value, string path, FieldErrors errors)
    {
        if (value is null)
        {
            return null;
        }

        var digits = value.Replace(".", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        if (!HsCode().IsMatch(digits))
        {
            errors.Add(path, "Must be an HS code of 4 or 6 digits (dots allowed, e.g. 2403.11).");
        }

        return digits;
    }

    private static decimal? CheckQuantity(decimal? value, string path, FieldErrors errors)
    {
        if (value is null)
        {
            errors.Add(path, "Required.");
        }
        else if (value <= 0)
        {
            errors.Add(path, "Must be greater than 0.");
        }
        else if (value > MaxQuantity)
        {
            errors.Add(path, "Is implausibly large.");
        }

        return value;
    }

    private static Money? CheckMoney(Money? value, string path, FieldErrors errors)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Amount is null)
        {
            errors.Add($"{path}.amount", "Required.");
        }
        else if (value.Amount < 0)
        {
            errors.Add($"{path}.amount", "Cannot be negative.");
        }

        var currency = value.Currency?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(currency))
        {
            errors.Add($"{path}.currency", "Required: an ISO 4217 currency code such as PKR or USD.");
        }
        else if (!CurrencyCodes.IsActive(currency))
        {
            errors.Add($"{path}.currency", "Must be an active ISO 4217 currency code such as PKR or USD.");
        }

        return value with { Currency = currency };
    }

    private static Concealment? CheckConcealment(Concealment? value, FieldErrors errors) =>
        value is null
            ? null
            : value with
            {
                Method = FactChecks.Code(value.Method, "concealment.method", SeizureCodes.ConcealmentMethods, errors, required: true),
                Description = FactChecks.Text(value.Description, "concealment.description", MaxConcealmentDescriptionLength, errors, required: false),
            };

    private static Conveyance? CheckConveyance(Conveyance? value, FieldErrors errors)
    {
        if (value is null)
        {
            return null;
        }

        string? imo = null;
        if (value.VesselImo is not null)
        {
            imo = ImoNumber.Normalize(value.VesselImo);
            if (!ImoNumber.IsValid(imo))
            {
                errors.Add("conveyance.vesselImo", "Must be a valid IMO ship number (7 digits with a correct check digit), e.g. 9074729.");
            }
        }

        string? flight = null;
        if (value.FlightNumber is not null)
        {
            flight = FlightNumber.Normalize(value.FlightNumber);
            if (!FlightNumber.IsWellFormed(flight))
            {
                errors.Add("conveyance.flightNumber", "Must be an airline designator and 1 to 4 digits with an optional letter, e.g. PK301.");
            }
        }

        List<string>? containers = null;
        if (value.ContainerNumbers is not null)
        {
            if (value.ContainerNumbers.Count > MaxContainers)
            {
                errors.Add("conveyance.containerNumbers", $"At most {MaxContainers} container numbers.");
            }

            containers = [];
            for (var i = 0; i < value.ContainerNumbers.Count; i++)
            {
                var number = value.ContainerNumbers[i] is { } raw ? ContainerNumber.Normalize(raw) : string.Empty;
                if (!ContainerNumber.IsValid(number))
                {
                    errors.Add($"conveyance.containerNumbers[{i}]", "Must be an ISO 6346 container number with a correct check digit, e.g. CSQU3054383.");
                }
                else if (containers.Contains(number))
                {
                    errors.Add($"conveyance.containerNumbers[{i}]", "Is listed twice.");
                }

                containers.Add(number);
            }
        }

        return value with
        {
            Mode = FactChecks.Code(value.Mode, "conveyance.mode", SeizureCodes.ConveyanceModes, errors, required: true),
            VesselImo = imo,
            FlightNumber = flight,
            VehicleRegistration = FactChecks.Text(value.VehicleRegistration, "conveyance.vehicleRegistration", MaxVehicleRegistrationLength, errors, required: false)?.ToUpperInvariant(),
            ContainerNumbers = containers,
            TransportDocument = FactChecks.Text(value.TransportDocument, "conveyance.transportDocument", MaxTransportDocumentLength, errors, required: false),
        };
    }

    private static Route? CheckRoute(Route? value, FieldErrors errors)
    {
        if (value is null)
        {
            return null;
        }

        List<string>? transit = null;
        if (value.TransitCountries is not null)
        {
            if (value.TransitCountries.Count > MaxTransitCountries)
            {
                errors.Add("route.transitCountries", $"At most {MaxTransitCountries} transit countries.");
            }

            transit = [];
            for (var i = 0; i < value.TransitCountries.Count; i++)
            {
                var path = $"route.transitCountries[{i}]";
                if (value.TransitCountries[i] is null)
                {
                    errors.Add(path, "Must be an ISO 3166-1 alpha-2 country code such as PK or AE.");
                    continue;
                }

                transit.Add(Country(value.TransitCountries[i], path, errors)!);
            }
        }

        return value with
        {
            DepartureCountry = Country(value.DepartureCountry, "route.departureCountry", errors),
            TransitCountries = transit,
            DestinationCountry = Country(value.DestinationCountry, "route.destinationCountry", errors),
            DeparturePlace = Place(value.DeparturePlace, "route.departurePlace", errors),
            DestinationPlace = Place(value.DestinationPlace, "route.destinationPlace", errors),
        };
    }

    private static string? Country(string? value, string path, FieldErrors errors)
    {
        if (value is null)
        {
            return null;
        }

        var code = value.Trim().ToUpperInvariant();
        if (!CountryCodes.IsAssigned(code))
        {
            errors.Add(path, "Must be an ISO 3166-1 alpha-2 country code such as PK or AE.");
        }

        return code;
    }

    private static string? Place(string? value, string path, FieldErrors errors)
    {
        if (value is null)
        {
            return null;
        }

        var code = value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        if (!UnLocode.IsWellFormed(code))
        {
            errors.Add(path, "Must be a UN/LOCODE such as PKKHI or AEJEA.");
        }

        return code;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();

    [GeneratedRegex("^[A-Z0-9]{1,10}$", RegexOptions.CultureInvariant)]
    private static partial Regex OfficeUnit();

    [GeneratedRegex(@"^(\d{4}|\d{6})$", RegexOptions.CultureInvariant)]
    private static partial Regex HsCode();
}
