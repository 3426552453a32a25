using Enforcement.Functions.NameMatching;

namespace Enforcement.Functions.Screening;

/// <summary>
/// The published scoring (GET /api/screening/algorithm). A candidate's score is the weighted mean of the scores of the
/// features both sides hold (a feature one side lacks is left out, so an API record without a nationality is not
/// penalised), except that a decisive feature that agrees (the same document, registration number or identifier)
/// makes the score 1. A hit is a match at <see cref="MatchThreshold"/> or above.
/// </summary>
internal static class ScreeningAlgorithm
{
    public const string Version = "2026-11.1";
    public const double MatchThreshold = 0.85;

    /// <summary>More than any subject type has features (a vessel: its identifiers and its name).</summary>
    public const int MaxFeatures = 16;

    public const double NameWeight = 0.6;
    public const double BirthDateWeight = 0.25;
    public const double NationalityWeight = 0.15;
    public const double CompanyNameWeight = 0.7;
    public const double CountryWeight = 0.3;

    /// <summary>A conveyance identifier without a check digit (MMSI, call sign, plate, registration) is weaker evidence.</summary>
    public const double WeakIdentifierScore = 0.9;

    /// <summary>A vessel name alone is a lead, never a match.</summary>
    public const double VesselNameScore = 0.6;

    public static readonly AlgorithmFeature[] PersonFeatures =
    [
        new("name", NameWeight, "Names folded (case, diacritics, word order, titles, al-/bin/ibn, Abd and ud-Din compounds) and compared word by word: same spelling 1, same transliteration key 0.9 + 0.1 × Jaro-Winkler, else 0.9 × Jaro-Winkler²; 3/4 from the query's words, 1/4 from the candidate's."),
        new("dateOfBirth", BirthDateWeight, "Same date 1; same year where one side gives only a year 0.8; else 0."),
        new("nationality", NationalityWeight, "Same country 1, else 0."),
        new("documentNumber", 1, "Decisive: the same document number (letters and digits) makes the score 1."),
    ];

    public static readonly AlgorithmFeature[] CompanyFeatures =
    [
        new("name", CompanyNameWeight, "Company names folded (legal forms and trading words dropped) and compared as person names are."),
        new("country", CountryWeight, "Same country of registration 1, else 0."),
        new("registrationNumber", 1, "Decisive: the same registration number makes the score 1."),
    ];

    public static readonly AlgorithmFeature[] ConveyanceFeatures =
    [
        new("identifier", 1, "Decisive: the same IMO number, ISO 6346 container number, VIN or ICAO address scores 1; the same MMSI, call sign, aircraft registration or plate (same country) 0.9."),
        new("name", VesselNameScore, "The same vessel name (type prefix dropped) scores 0.6: a lead, below the threshold."),
        new("route", 1, "A route entry matches when the subject's route goes from and to its countries (either may be any)."),
    ];

    public static double BirthDateScore(string query, string candidate)
    {
        if (query == candidate)
        {
            return 1;
        }

        return (query.Length == 4 || candidate.Length == 4) && query[..4] == candidate[..4] ? 0.8 : 0;
    }

    public static double Combine(IEnumerable<FeatureExplanation> features) =>
        features.Any(f => f.Weight >= 1 && f.Score >= 1)
            ? 1
            : features.Where(f => f.Weight < 1).Sum(f => f.Weight) is var total and > 0
                ? Math.Round(features.Where(f => f.Weight < 1).Sum(f => f.Weight * f.Score) / total, 3)
                : 0;

    /// <summary>The features of a person candidate (name, date of birth, nationality, document).</summary>
    public static List<FeatureExplanation> PersonFeaturesOf(ScreeningSubject subject, FoldedName? queryName,
        IReadOnlyList<(string Written, FoldedName Folded)> names, string? dateOfBirth, IReadOnlyList<string> nationalities, IReadOnlyList<string> documents)
    {
        var features = new List<FeatureExplanation>();
        if (queryName is { IsEmpty: false } && names.Count > 0)
        {
            var best = names.Select(n => (n.Written, Score: NameSimilarity.Score(queryName, n.Folded))).MaxBy(n => n.Score);
            features.Add(new("name", subject.Name, best.Written, Math.Round(best.Score, 3), NameWeight));
        }

        if (subject.DateOfBirth is { } dob && dateOfBirth is not null)
        {
            features.Add(new("dateOfBirth", dob, dateOfBirth, BirthDateScore(dob, dateOfBirth), BirthDateWeight));
        }

        if (subject.Nationality is { } nationality && nationalities.Count > 0)
        {
            features.Add(new("nationality", nationality, string.Join(',', nationalities), nationalities.Contains(nationality) ? 1 : 0, NationalityWeight));
        }

        if (subject.DocumentNumber is { } document && documents.Count > 0)
        {
            var same = documents.Contains(document, StringComparer.Ordinal);
            features.Add(new("documentNumber", document, same ? document : string.Join(',', documents), same ? 1 : 0, 1));
        }

        return features;
    }

    public static List<FeatureExplanation> CompanyFeaturesOf(string? queryText, FoldedName? queryName, string? country, string? registration,
        IReadOnlyList<(string Written, FoldedName Folded)> names, string? candidateCountry, IReadOnlyList<string> registrations)
    {
        var features = new List<FeatureExplanation>();
        if (queryName is { IsEmpty: false } && names.Count > 0)
        {
            var best = names.Select(n => (n.Written, Score: NameSimilarity.Score(queryName, n.Folded))).MaxBy(n => n.Score);
            features.Add(new("name", queryText, best.Written, Math.Round(best.Score, 3), CompanyNameWeight));
        }

        if (country is not null && candidateCountry is not null)
        {
            features.Add(new("country", country, candidateCountry, country == candidateCountry ? 1 : 0, CountryWeight));
        }

        if (registration is not null && registrations.Count > 0)
        {
            var same = registrations.Contains(registration, StringComparer.Ordinal);
            features.Add(new("registrationNumber", registration, same ? registration : string.Join(',', registrations), same ? 1 : 0, 1));
        }

        return features;
    }
}
