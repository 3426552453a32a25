using System.Globalization;
using Enforcement.Functions.ReferenceData;

namespace Enforcement.Functions.Identifiers;

/// <summary>The outcome of checking one identifier: whether it is valid, its normalised form (what the indexes key
/// by), the check digit it should carry, and warnings that do not make it invalid.</summary>
public sealed record IdentifierValidation(string Scheme, string Value, bool Valid, string? Normalized, string? ExpectedCheckDigit,
    IReadOnlyList<string> Warnings, IReadOnlyList<string> Errors);

/// <summary>
/// The identifier schemes targeting knows, with their check digits. A "strong" scheme is one whose valid value names
/// one conveyance for life (a check digit protects it from typing errors): automatic resolution trusts only these.
/// </summary>
internal static class IdentifierSchemes
{
    public const string Imo = "imo";
    public const string Mmsi = "mmsi";
    public const string CallSign = "call-sign";
    public const string Container = "iso6346";
    public const string Vin = "vin";
    public const string IcaoAddress = "icao24";
    public const string AircraftRegistration = "aircraft-registration";
    public const string Plate = "plate";
    public const string Mrz = "mrz";

    public static readonly string[] All = [Imo, Mmsi, CallSign, Container, Vin, IcaoAddress, AircraftRegistration, Plate, Mrz];

    /// <summary>Schemes whose valid values resolve seizures to conveyances without an analyst.</summary>
    public static readonly string[] Strong = [Imo, Container, Vin, IcaoAddress];

    /// <summary>The longest value any scheme takes as written (spaces, dashes and an "IMO" prefix included).</summary>
    public const int MaxValueLength = 64;

    public static bool IsStrong(string scheme) => Strong.Contains(scheme, StringComparer.Ordinal);

    public static IdentifierValidation Validate(string scheme, string value)
    {
        var warnings = new List<string>();
        var errors = new List<string>();
        string? normalized = null;
        string? expected = null;
        if (value.Length is 0 or > MaxValueLength || value.Any(char.IsControl))
        {
            errors.Add($"Must hold 1 to {MaxValueLength} characters, none of them control characters.");
            return new IdentifierValidation(scheme, value.Length > MaxValueLength ? value[..MaxValueLength] : value, false, null, null, warnings, errors);
        }

        switch (scheme)
        {
            case Imo:
                normalized = ImoNumber.Normalize(value);
                if (normalized.Length != ImoNumber.Length || !normalized.All(char.IsAsciiDigit))
                {
                    errors.Add("An IMO number is 7 digits, optionally written after \"IMO\".");
                }
                else
                {
                    expected = ImoCheckDigit(normalized).ToString(CultureInfo.InvariantCulture);
                    if (!ImoNumber.IsValid(normalized))
                    {
                        errors.Add($"The check digit should be {expected}.");
                    }
                }

                break;
            case Container:
                normalized = ContainerNumber.Normalize(value);
                if (normalized.Length != ContainerNumber.Length || !normalized[..3].All(char.IsAsciiLetterUpper)
                    || normalized[3] is not ('U' or 'J' or 'Z') || !normalized[4..].All(char.IsAsciiDigit))
                {
                    errors.Add("An ISO 6346 number is a 3-letter owner code, U, J or Z, 6 digits and a check digit.");
                }
                else
                {
                    expected = ContainerNumber.ComputeCheckDigit(normalized[..10]).ToString();
                    if (!ContainerNumber.IsValid(normalized))
                    {
                        errors.Add($"The check digit should be {expected}.");
                    }
                }

                break;
            case Vin:
                normalized = VinNumber.Normalize(value);
                if (!VinNumber.IsWellFormed(normalized))
                {
                    errors.Add("A VIN is 17 letters and digits, without I, O or Q.");
                }
                else
                {
                    expected = VinNumber.ExpectedCheckDigit(normalized).ToString();
                    if (!VinNumber.HasValidCheckDigit(normalized))
                    {
                        if (VinNumber.IsNorthAmerican(normalized))
                        {
                            errors.Add($"The check digit (position 9) should be {expected}.");
                        }
                        else
                        {
                            warnings.Add($"Position 9 is not the check digit {expected}; outside North America the check digit is not mandatory.");
                        }
                    }
                }

                break;
            case Mmsi:
                normalized = new string(value.Where(c => c != ' ').ToArray());
                if (normalized.Length != 9 || !normalized.All(char.IsAsciiDigit))
                {
                    errors.Add("An MMSI is 9 digits (it has no check digit).");
                }
                else if (normalized[0] is '0' or '1' or '8' or '9')
                {
                    warnings.Add("Not a ship station: MMSIs of ships start with the country's maritime identification digits (2 to 7).");
                }

                break;
            case IcaoAddress:
                normalized = value.Trim().ToUpperInvariant();
                if (normalized.Length != 6 || !normalized.All(char.IsAsciiHexDigit) || normalized is "000000" or "FFFFFF")
                {
                    errors.Add("An ICAO 24-bit aircraft address is 6 hexadecimal digits (not 000000 or FFFFFF).");
                }

                break;
            case Mrz:
                normalized = value.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
                if (normalized.Length < 2 || !normalized[..^1].All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c) || c == '<') || !char.IsAsciiDigit(normalized[^1]))
                {
                    errors.Add("An MRZ field is 0-9, A-Z and '<' followed by its check digit.");
                }
                else
                {
                    expected = MrzCheckDigit.Compute(normalized[..^1]).ToString(CultureInfo.InvariantCulture);
                    if (!MrzCheckDigit.IsValid(normalized))
                    {
                        errors.Add($"The check digit should be {expected}.");
                    }
                }

                break;
            case CallSign or AircraftRegistration or Plate:
                normalized = new string(value.ToUpperInvariant().Where(char.IsAsciiLetterOrDigit).ToArray());
                if (normalized.Length is < 2 or > 15)
                {
                    errors.Add("Must hold 2 to 15 letters and digits.");
                }

                break;
            default:
                errors.Add($"Unknown scheme; one of {string.Join(", ", All)}.");
                break;
        }

        return new IdentifierValidation(scheme, value, errors.Count == 0, errors.Count == 0 ? normalized : null, expected, warnings, errors);
    }

    private static int ImoCheckDigit(string digits)
    {
        var sum = 0;
        for (var i = 0; i < 6; i++)
        {
            sum += (digits[i] - '0') * (7 - i);
        }

        return sum % 10;
    }
}
