using Enforcement.Functions.Identifiers;
using Enforcement.Functions.Validation;

namespace Enforcement.Functions.Conveyances;

/// <summary>Checks a conveyance's fields for its kind and normalises its identifiers (as the index keys them).</summary>
internal static class ConveyanceValidator
{
    public const int MaxText = 200;
    public const int MaxHistory = 50;
    public const int MaxNotes = 2000;

    public static readonly string[] Kinds = ["vessel", "aircraft", "vehicle", "container"];

    public static (ConveyanceFacts Normalized, List<string> Warnings, Dictionary<string, string[]> Errors) Validate(ConveyanceFacts facts)
    {
        var errors = new FieldErrors();
        var warnings = new List<string>();
        var kind = facts.Kind;
        if (kind is null || !Kinds.Contains(kind, StringComparer.Ordinal))
        {
            errors.Add("kind", $"Must be one of {string.Join(", ", Kinds)}.");
            return (facts, warnings, errors.ToDictionary());
        }

        string? Identifier(string? value, string scheme, string field)
        {
            if (value is null)
            {
                return null;
            }

            var check = IdentifierSchemes.Validate(scheme, value);
            foreach (var error in check.Errors)
            {
                errors.Add(field, error);
            }

            warnings.AddRange(check.Warnings.Select(w => $"{field}: {w}"));
            return check.Normalized;
        }

        void NotFor(object? value, string field)
        {
            if (value is not null)
            {
                errors.Add(field, $"Does not apply to a {kind}.");
            }
        }

        var normalized = facts with
        {
            Name = FactChecks.Text(facts.Name, "name", MaxText, errors),
            Operator = FactChecks.Text(facts.Operator, "operator", MaxText, errors),
            Notes = FactChecks.Text(facts.Notes, "notes", MaxNotes, errors),
            Imo = Identifier(facts.Imo, IdentifierSchemes.Imo, "imo"),
            Mmsi = Identifier(facts.Mmsi, IdentifierSchemes.Mmsi, "mmsi"),
            CallSign = Identifier(facts.CallSign, IdentifierSchemes.CallSign, "callSign"),
            Flag = FactChecks.Country(facts.Flag, "flag", errors),
            Registration = Identifier(facts.Registration, IdentifierSchemes.AircraftRegistration, "registration"),
            IcaoAddress = Identifier(facts.IcaoAddress, IdentifierSchemes.IcaoAddress, "icaoAddress"),
            Plate = Identifier(facts.Plate, IdentifierSchemes.Plate, "plate"),
            RegistrationCountry = FactChecks.Country(facts.RegistrationCountry, "registrationCountry", errors),
            Vin = Identifier(facts.Vin, IdentifierSchemes.Vin, "vin"),
            ContainerNumber = Identifier(facts.ContainerNumber, IdentifierSchemes.Container, "containerNumber"),
            History = facts.History is null ? null : History(facts.History, errors),
        };

        switch (kind)
        {
            case "vessel":
                NotFor(facts.Registration, "registration"); NotFor(facts.IcaoAddress, "icaoAddress"); NotFor(facts.Plate, "plate");
                NotFor(facts.Vin, "vin"); NotFor(facts.ContainerNumber, "containerNumber"); NotFor(facts.RegistrationCountry, "registrationCountry");
                if (facts.Imo is null && facts.Mmsi is null && facts.Name is null)
                {
                    errors.Add("imo", "A vessel needs an IMO number, an MMSI or a name.");
                }

                break;
            case "aircraft":
                NotFor(facts.Imo, "imo"); NotFor(facts.Mmsi, "mmsi"); NotFor(facts.CallSign, "callSign"); NotFor(facts.Plate, "plate");
                NotFor(facts.Vin, "vin"); NotFor(facts.ContainerNumber, "containerNumber"); NotFor(facts.History, "history");
                if (facts.Registration is null && facts.IcaoAddress is null)
                {
                    errors.Add("registration", "An aircraft needs a registration or an ICAO 24-bit address.");
                }

                break;
            case "vehicle":
                NotFor(facts.Imo, "imo"); NotFor(facts.Mmsi, "mmsi"); NotFor(facts.CallSign, "callSign"); NotFor(facts.IcaoAddress, "icaoAddress");
                NotFor(facts.Registration, "registration"); NotFor(facts.ContainerNumber, "containerNumber"); NotFor(facts.History, "history");
                if (facts.Plate is null && facts.Vin is null)
                {
                    errors.Add("plate", "A vehicle needs a plate or a VIN.");
                }

                if (facts.Plate is not null && facts.RegistrationCountry is null)
                {
                    errors.Add("registrationCountry", "A plate needs its registration country.");
                }

                break;
            default:
                NotFor(facts.Imo, "imo"); NotFor(facts.Mmsi, "mmsi"); NotFor(facts.CallSign, "callSign"); NotFor(facts.IcaoAddress, "icaoAddress");
                NotFor(facts.Registration, "registration"); NotFor(facts.Plate, "plate"); NotFor(facts.Vin, "vin"); NotFor(facts.History, "history");
                NotFor(facts.Flag, "flag");
                if (facts.ContainerNumber is null)
                {
                    errors.Add("containerNumber", "A container needs its ISO 6346 number.");
                }

                break;
        }

        return (normalized, warnings, errors.ToDictionary());
    }

    private static List<ConveyanceNameFlag>? History(IReadOnlyList<ConveyanceNameFlag?> history, FieldErrors errors) =>
        FactChecks.List(history, "history", errors, (entry, path) =>
        {
            var from = FactChecks.Date(entry.From, $"{path}.from", errors);
            var to = FactChecks.Date(entry.To, $"{path}.to", errors);
            if (from is not null && to is not null && to < from)
            {
                errors.Add($"{path}.to", "Must not be before from.");
            }

            if (entry.Name is null && entry.Flag is null)
            {
                errors.Add(path, "Give a name, a flag or both.");
            }

            return entry with
            {
                Name = FactChecks.Text(entry.Name, $"{path}.name", MaxText, errors),
                Flag = FactChecks.Country(entry.Flag, $"{path}.flag", errors),
            };
        }, MaxHistory);

    /// <summary>Every identifier of a conveyance, as (scheme, normalised value): what the index keys it by.</summary>
    public static IEnumerable<(string Scheme, string Value)> Identifiers(ConveyanceFacts facts)
    {
        if (facts.Imo is { } imo) { yield return (IdentifierSchemes.Imo, imo); }
        if (facts.Mmsi is { } mmsi) { yield return (IdentifierSchemes.Mmsi, mmsi); }
        if (facts.CallSign is { } callSign) { yield return (IdentifierSchemes.CallSign, callSign); }
        if (facts.Registration is { } registration) { yield return (IdentifierSchemes.AircraftRegistration, registration); }
        if (facts.IcaoAddress is { } icao) { yield return (IdentifierSchemes.IcaoAddress, icao); }
        if (facts.Plate is { } plate) { yield return (IdentifierSchemes.Plate, plate); }
        if (facts.Vin is { } vin) { yield return (IdentifierSchemes.Vin, vin); }
        if (facts.ContainerNumber is { } container) { yield return (IdentifierSchemes.Container, container); }
        foreach (var name in new[] { facts.Name }.Concat(facts.History?.Select(h => h.Name) ?? []).OfType<string>().Select(VesselNameKey).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal))
        {
            yield return (VesselName, name);
        }
    }

    public const string VesselName = "name";

    /// <summary>A vessel name as the index keys it: letters and digits in upper case, words single-spaced, without the
    /// type prefix (MV, M/V, MT, SS).</summary>
    public static string VesselNameKey(string name)
    {
        var words = new string(name.ToUpperInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : c == '/' ? '/' : ' ').ToArray())
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (words.Count > 1 && words[0] is "MV" or "M/V" or "MT" or "M/T" or "SS")
        {
            words.RemoveAt(0);
        }

        return string.Join(' ', words.Select(w => w.Replace("/", string.Empty, StringComparison.Ordinal))).Trim();
    }
}
