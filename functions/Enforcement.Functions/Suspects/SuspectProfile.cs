using Enforcement.Functions.Persons;
using Enforcement.Functions.Security;

namespace Enforcement.Functions.Suspects;

/// <summary>
/// The suspect database's rules. The same person, for the duplicate guard: the same identity document number
/// (from the same country, when both name one), or the same normalized name (transliteration keys, any order; aliases
/// left out, many people share them) with a compatible date of birth (a year-only date matches any date in that year).
/// </summary>
internal sealed class SuspectProfile(PersonIndex index, PersonSearch search, DuplicateCandidates duplicates) : IPersonProfile<SuspectFacts, Suspect>, IPersonRules<SuspectFacts>
{
    public const string SameDocument = "same-document";
    public const string SameNameAndBirthDate = "same-name-and-date-of-birth";

    public PersonKind Kind => PersonKind.Suspect;

    public (SuspectFacts Normalized, Dictionary<string, string[]> Errors) Validate(SuspectFacts facts, DateTimeOffset now) => SuspectValidator.Validate(facts, now);

    public SuspectFacts Read(string factsJson) => SuspectIndexing.Read(factsJson);

    public Suspect ToRecord(PersonEntity entity, SuspectFacts facts) => new(facts)
    {
        Id = entity.RowKey,
        Version = entity.Version,
        ETag = PersonEndpoints<SuspectFacts, Suspect>.ETagFor(entity),
        RecordedAt = entity.RecordedAt,
        UpdatedAt = entity.UpdatedAt,
    };

    public async Task<IReadOnlyList<DuplicateMatch>> FindDuplicatesAsync(SuspectFacts facts, string? exceptId, SuspectFacts? before, Caller caller, CancellationToken cancellationToken)
    {
        var lookups = (facts.Documents ?? [])
            .Where(d => d.Number is not null)
            .Select(async d => (await search.ByNumberAsync(Kind, PersonIndexRows.DocumentPrefix, d.Number!, d.IssuingCountry, cancellationToken)).Rows)
            .ToList();
        if (facts.DateOfBirth is { } dateOfBirth)
        {
            var year = SuspectNames.BirthYearFacet(dateOfBirth);
            lookups.AddRange(SuspectNames.Primary(facts).Select(async name =>
                (await index.QueryAsync(Kind, PersonIndexRows.MostSelectivePartition(name), year, year, cancellationToken)).Rows));
        }

        return await duplicates.ConfirmAsync(lookups, exceptId, facts, before, this, caller, cancellationToken);
    }

    public IReadOnlyList<string> StrongMatchesOf(SuspectFacts candidate, SuspectFacts existing) => StrongMatches(candidate, existing);

    public DuplicateCandidate Describe(PersonEntity record, SuspectFacts existing, IReadOnlyList<string> reasons) =>
        new(record.RowKey, reasons, SuspectNames.Display(existing), existing.DateOfBirth is { } born ? $"born {born}" : null);

    public static IReadOnlyList<string> StrongMatches(SuspectFacts candidate, SuspectFacts existing)
    {
        var reasons = new List<string>();
        var sameDocument = (candidate.Documents ?? []).Any(a => (existing.Documents ?? []).Any(b =>
            a.Number is not null && b.Number is not null
            && PersonIndexRows.NumberKey(a.Number) == PersonIndexRows.NumberKey(b.Number)
            && (a.IssuingCountry is null || b.IssuingCountry is null || a.IssuingCountry == b.IssuingCountry)));
        if (sameDocument)
        {
            reasons.Add(SameDocument);
        }

        if (BirthDatesCompatible(candidate.DateOfBirth, existing.DateOfBirth)
            && SuspectNames.Primary(candidate).Any(a => SuspectNames.Primary(existing).Any(a.SameKeysAs)))
        {
            reasons.Add(SameNameAndBirthDate);
        }

        return reasons;
    }

    /// <summary>Both known, and equal, or one is a year only and the other falls in it.</summary>
    public static bool BirthDatesCompatible(string? a, string? b) =>
        a is not null && b is not null && (a == b || ((a.Length == 4 || b.Length == 4) && a[..4] == b[..4]));
}
