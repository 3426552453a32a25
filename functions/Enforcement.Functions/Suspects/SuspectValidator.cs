using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Enforcement.Functions.Http;
using Enforcement.Functions.Persons;
using Enforcement.Functions.ReferenceData;
using Enforcement.Functions.Validation;

namespace Enforcement.Functions.Suspects;

/// <summary>
/// Checks a suspect's facts, reporting every violation by field path, and returns them normalized: codes in their
/// canonical case, document numbers in upper case without spaces, phone numbers in E.164.
/// </summary>
internal static partial class SuspectValidator
{
    public const int MaxSerializedLength = 30_000;
    public const int MaxNameLength = 200;
    public const int MaxNotesLength = 4000;
    public const int MaxNationalities = 5;
    public const int MaxDocuments = 10;

    public static readonly FrozenSet<string> Genders = FrozenSet.Create(StringComparer.Ordinal, "female", "male", "other", "unknown");

    public static readonly FrozenSet<string> DocumentTypes = FrozenSet.Create(StringComparer.Ordinal, "passport", "national-id", "driving-licence", "other");

    public static (SuspectFacts Normalized, Dictionary<string, string[]> Errors) Validate(SuspectFacts facts, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var normalized = new SuspectFacts
        {
            GivenNames = FactChecks.Text(facts.GivenNames, "givenNames", MaxNameLength, errors),
            FamilyName = FactChecks.Text(facts.FamilyName, "familyName", MaxNameLength, errors),
            FullName = FactChecks.Text(facts.FullName, "fullName", MaxNameLength, errors),
            Aliases = FactChecks.List(facts.Aliases, "aliases", errors, (alias, path) => FactChecks.Text(alias, path, MaxNameLength, errors, required: true)),
            DateOfBirth = CheckDateOfBirth(facts.DateOfBirth, today, errors),
            Gender = FactChecks.Code(facts.Gender, "gender", Genders, errors),
            Nationalities = FactChecks.List(facts.Nationalities, "nationalities", errors, (c, path) => FactChecks.Country(c, path, errors, required: true), max: MaxNationalities),
            Documents = FactChecks.List(facts.Documents, "documents", errors, (d, path) => CheckDocument(d, path, errors), max: MaxDocuments),
            Addresses = FactChecks.List(facts.Addresses, "addresses", errors, (a, path) => AddressChecks.Address(a, path, errors)),
            PhoneNumbers = FactChecks.List(facts.PhoneNumbers, "phoneNumbers", errors, (p, path) => FactChecks.Phone(p, path, errors)),
            Notes = FactChecks.Text(facts.Notes, "notes", MaxNotesLength, errors),
        };

        if (normalized.FullName is null && normalized.GivenNames is null && normalized.FamilyName is null)
        {
            errors.Add("fullName", "A suspect needs a name: fullName, or givenNames and/or familyName.");
        }
        else if (SuspectNames.Of(normalized).All(n => n.IsEmpty))
        {
            errors.Add("fullName", "The name must contain letters.");
        }

        if (normalized.Documents is { } documents)
        {
            var seen = new HashSet<(string?, string?, string)>();
            for (var i = 0; i < documents.Count; i++)
            {
                if (documents[i].Number is { } number && !seen.Add((documents[i].Type, documents[i].IssuingCountry, PersonIndexRows.NumberKey(number))))
                {
                    errors.Add($"documents[{i}].number", "Is listed twice.");
                }
            }
        }

        if (errors.Count == 0)
        {
            FactChecks.CheckStoredSize(JsonSerializer.Serialize(normalized, JsonBody.Options), errors, MaxSerializedLength);
        }

        return (normalized, errors.ToDictionary());
    }

    private static string? CheckDateOfBirth(string? value, DateOnly today, FieldErrors errors)
    {
        if (value is null)
        {
            return null;
        }

        var text = value.Trim();
        if (YearOnly().IsMatch(text))
        {
            var year = int.Parse(text, CultureInfo.InvariantCulture);
            if (year < 1900 || year > today.Year)
            {
                errors.Add("dateOfBirth", "Must be a year in the past, from 1900.");
            }

            return text;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors.Add("dateOfBirth", "Must be a date as YYYY-MM-DD, or a year as YYYY when only the year is known.");
            return text;
        }

        if (date >= today || date.Year < 1900)
        {
            errors.Add("dateOfBirth", "Must be in the past, from 1900.");
        }

        return text;
    }

    private static IdentityDocument CheckDocument(IdentityDocument document, string path, FieldErrors errors)
    {
        var type = FactChecks.Code(document.Type, $"{path}.type", DocumentTypes, errors, required: true);
        var country = FactChecks.Country(document.IssuingCountry, $"{path}.issuingCountry", errors, required: type == "passport");
        var expires = FactChecks.Date(document.ExpiresOn, $"{path}.expiresOn", errors);
        var (number, checkDigit) = CheckNumber(document.Number, document.MrzCheckDigit, type, path, errors);
        return new IdentityDocument
        {
            Type = type,
            Number = number,
            IssuingCountry = country,
            ExpiresOn = expires?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            MrzCheckDigit = checkDigit,
        };
    }

    /// <summary>
    /// Upper case without spaces. A number in MRZ form ("L898902C&lt;3": fillers then the check digit) or with an
    /// explicit mrzCheckDigit is cross-checked (ICAO 9303); a printed number without one is never refused for that.
    /// </summary>
    private static (string? Number, string? CheckDigit) CheckNumber(string? value, string? mrzCheckDigit, string? type, string path, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{path}.number", "Required.");
            return (null, null);
        }

        // Passport numbers are letters and digits only: spaces and dashes are typing, not part of the number.
        var number = new string(value.Where(c => !char.IsWhiteSpace(c) && (type != "passport" || c != '-')).ToArray()).ToUpperInvariant();
        var digit = mrzCheckDigit?.Trim();
        var filler = number.IndexOf('<', StringComparison.Ordinal);
        if (filler > 0 && number.Length > filler + 1 && number[(filler + 1)..].Trim('<').Length == 1)
        {
            digit ??= number[^1..];
            if (digit != number[^1..])
            {
                errors.Add($"{path}.mrzCheckDigit", "Differs from the check digit at the end of the MRZ number.");
            }

            number = number[..filler];
        }

        if (type == "passport" ? !Passport().IsMatch(number) : !OtherNumber().IsMatch(number) || PersonIndexRows.NumberKey(number).Length < 3)
        {
            errors.Add($"{path}.number", type == "passport"
                ? "Must be 5 to 20 letters and digits (spaces are removed), e.g. AB1234567."
                : "Must be 3 to 30 letters and digits, optionally with '-', '/' or '.' (spaces are removed).");
            return (number, digit);
        }

        if (digit is not null)
        {
            if (digit.Length != 1 || !char.IsAsciiDigit(digit[0]))
            {
                errors.Add($"{path}.mrzCheckDigit", "Must be one digit.");
            }
            else if (!MrzCheckDigit.IsValid(PersonIndexRows.NumberKey(number) + digit))
            {
                errors.Add($"{path}.mrzCheckDigit", "Does not match the number (ICAO 9303 check digit): the number or the digit was misread.");
            }
        }

        return (number, digit);
    }

    [GeneratedRegex("^[0-9]{4}$", RegexOptions.CultureInvariant)]
    private static partial Regex YearOnly();

    [GeneratedRegex("^[A-Z0-9]{5,20}$", RegexOptions.CultureInvariant)]
    private static partial Regex Passport();

    [GeneratedRegex(@"^[A-Z0-9][A-Z0-9\-/.]{2,29}$", RegexOptions.CultureInvariant)]
    private static partial Regex OtherNumber();
}
