using Enforcement.Functions.Identifiers;
using Enforcement.Functions.ReferenceData;
using Enforcement.Functions.Validation;

namespace Enforcement.Functions.Screening;

/// <summary>Checks a screening batch: 1 to 100 subjects with unique keys, each with the fields of its type.</summary>
internal static class ScreeningValidator
{
    public const int MaxSubjects = 100;
    public const int MaxKeyLength = 64;
    public const int MaxText = 200;
    public const int MaxFlightLength = 20;
    public const int MaxVoyageLength = 40;
    public const int MaxNumberLength = 64;
    public const int MaxHsCodeLength = 13;
    public const int MaxHsCodes = 50;
    public const int MaxRoute = 10;
    public const int MaxPhoneLength = 30;
    public static readonly string[] Types = ["person", "company", "vessel", "aircraft", "vehicle", "container", "consignment"];
    public static readonly string[] Directions = ["inbound", "outbound", "transit"];

    public static (List<ScreeningSubject> Subjects, Dictionary<string, string[]> Errors) Validate(ScreeningRequest request)
    {
        var errors = new FieldErrors();
        if (request.Context is { } context)
        {
            FactChecks.Text(context.Flight, "context.flight", MaxFlightLength, errors);
            if (context.Flight is not null && !FlightNumber.IsWellFormed(FlightNumber.Normalize(context.Flight)))
            {
                errors.Add("context.flight", "Must be a flight number: airline designator, 1 to 4 digits, optional letter.");
            }

            FactChecks.Text(context.Voyage, "context.voyage", MaxVoyageLength, errors);
            FactChecks.Date(context.Date, "context.date", errors);
            if (context.Direction is not null && !Directions.Contains(context.Direction, StringComparer.Ordinal))
            {
                errors.Add("context.direction", $"Must be one of {string.Join(", ", Directions)}.");
            }

            if (context.Port is not null && !UnLocode.IsWellFormed(context.Port))
            {
                errors.Add("context.port", "Must be a UN/LOCODE (PKKHI).");
            }
        }

        var subjects = new List<ScreeningSubject>();
        if (request.Subjects is not { Count: > 0 } list)
        {
            errors.Add("subjects", $"Send 1 to {MaxSubjects} subjects.");
            return (subjects, errors.ToDictionary());
        }

        if (list.Count > MaxSubjects)
        {
            errors.Add("subjects", $"At most {MaxSubjects} subjects in one batch (got {list.Count}); split the manifest into batches.");
            return (subjects, errors.ToDictionary());
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            var path = $"subjects[{i}]";
            if (list[i] is not { } subject)
            {
                errors.Add(path, "Must not be null.");
                continue;
            }

            if (subject.Key is not { Length: >= 1 and <= MaxKeyLength } key || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
            {
                errors.Add($"{path}.key", $"Must be 1 to {MaxKeyLength} letters, digits, '-', '_', '.' or ':'.");
            }
            else if (!keys.Add(key))
            {
                errors.Add($"{path}.key", "Must be unique in the batch.");
            }

            if (subject.Type is null || !Types.Contains(subject.Type, StringComparer.Ordinal))
            {
                errors.Add($"{path}.type", $"Must be one of {string.Join(", ", Types)}.");
                continue;
            }

            subjects.Add(Normalize(subject, path, errors));
        }

        return (subjects, errors.ToDictionary());
    }

    private static ScreeningSubject Normalize(ScreeningSubject s, string path, FieldErrors errors)
    {
        string? Id(string? value, string scheme, string field)
        {
            if (value is null)
            {
                return null;
            }

            var check = IdentifierSchemes.Validate(scheme, value);
            foreach (var error in check.Errors)
            {
                errors.Add($"{path}.{field}", error);
            }

            return check.Normalized;
        }

        var normalized = s with
        {
            Name = FactChecks.Text(s.Name, $"{path}.name", MaxText, errors),
            Declarant = FactChecks.Text(s.Declarant, $"{path}.declarant", MaxText, errors),
            Nationality = FactChecks.Country(s.Nationality, $"{path}.nationality", errors),
            Country = FactChecks.Country(s.Country, $"{path}.country", errors),
            Origin = FactChecks.Country(s.Origin, $"{path}.origin", errors),
            Route = FactChecks.List(s.Route, $"{path}.route", errors, (c, p) => FactChecks.Country(c, p, errors, required: true), MaxRoute),
            HsCodes = FactChecks.List(s.HsCodes, $"{path}.hsCodes", errors, (h, p) =>
            {
                var code = h.Replace(".", string.Empty, StringComparison.Ordinal);
                if (h.Length > MaxHsCodeLength || code.Length is < 2 or > 10 || !code.All(char.IsAsciiDigit))
                {
                    errors.Add(p, "Must be an HS code of 2 to 10 digits.");
                }

                return code;
            }, MaxHsCodes),
            DocumentNumber = FactChecks.Text(s.DocumentNumber, $"{path}.documentNumber", MaxNumberLength, errors) is { } document ? Persons.PersonIndexRows.NumberKey(document) : null,
            RegistrationNumber = FactChecks.Text(s.RegistrationNumber, $"{path}.registrationNumber", MaxNumberLength, errors) is { } registration ? Persons.PersonIndexRows.NumberKey(registration) : null,
            Phone = FactChecks.Text(s.Phone, $"{path}.phone", MaxPhoneLength, errors) is { } phone ? FactChecks.Phone(phone, $"{path}.phone", errors) : null,
            Imo = Id(s.Imo, IdentifierSchemes.Imo, "imo"),
            Mmsi = Id(s.Mmsi, IdentifierSchemes.Mmsi, "mmsi"),
            CallSign = Id(s.CallSign, IdentifierSchemes.CallSign, "callSign"),
            Registration = Id(s.Registration, IdentifierSchemes.AircraftRegistration, "registration"),
            IcaoAddress = Id(s.IcaoAddress, IdentifierSchemes.IcaoAddress, "icaoAddress"),
            Plate = Id(s.Plate, IdentifierSchemes.Plate, "plate"),
            Vin = s.Vin is null ? null : VinOf(s.Vin, $"{path}.vin", errors),
            ContainerNumber = Id(s.ContainerNumber, IdentifierSchemes.Container, "containerNumber"),
        };
        if (s.DateOfBirth is { } dob && !(dob.Length == 4 && dob.All(char.IsAsciiDigit)) && FactChecks.Date(dob, $"{path}.dateOfBirth", errors) is null)
        {
            // FactChecks.Date named the field.
        }

        if (normalized.DocumentNumber is { Length: 0 or > 40 })
        {
            errors.Add($"{path}.documentNumber", "Must hold 1 to 40 letters and digits.");
        }

        if (normalized.RegistrationNumber is { Length: 0 or > 40 })
        {
            errors.Add($"{path}.registrationNumber", "Must hold 1 to 40 letters and digits.");
        }

        var hasSomething = s.Type switch
        {
            "person" => normalized.Name is not null || normalized.DocumentNumber is not null,
            "company" => normalized.Name is not null || normalized.RegistrationNumber is not null,
            "vessel" => normalized.Imo is not null || normalized.Mmsi is not null || normalized.CallSign is not null || normalized.Name is not null,
            "aircraft" => normalized.Registration is not null || normalized.IcaoAddress is not null,
            "vehicle" => normalized.Plate is not null || normalized.Vin is not null,
            "container" => normalized.ContainerNumber is not null,
            _ => normalized.HsCodes is { Count: > 0 } || normalized.Route is { Count: > 0 } || normalized.Declarant is not null || normalized.ContainerNumber is not null,
        };
        if (!hasSomething)
        {
            errors.Add(path, $"A {s.Type} needs at least one field to screen by.");
        }

        return normalized;
    }

    // A VIN is screened even when its check digit fails (it may be a non-North American one); only its form is checked.
    private static string? VinOf(string value, string path, FieldErrors errors)
    {
        var vin = VinNumber.Normalize(value);
        if (value.Length > IdentifierSchemes.MaxValueLength || !VinNumber.IsWellFormed(vin))
        {
            errors.Add(path, "A VIN is 17 letters and digits, without I, O or Q.");
            return null;
        }

        return vin;
    }
}
