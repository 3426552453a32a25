using Enforcement.Functions.Persons;
using Enforcement.Functions.Security;

namespace Enforcement.Functions.Companies;

/// <summary>
/// The company database's rules. The same company, for the duplicate guard: the same registration number (in the
/// same country, when both name one), or the same normalized legal name (legal forms folded away, transliteration
/// keys, any order) in the same country: registers do not give two companies one name.
/// </summary>
internal sealed class CompanyProfile(PersonIndex index, PersonSearch search, DuplicateCandidates duplicates) : IPersonProfile<CompanyFacts, Company>, IPersonRules<CompanyFacts>
{
    public const string SameRegistration = "same-registration-number";
    public const string SameNameAndCountry = "same-name-and-country";

    public PersonKind Kind => PersonKind.Company;

    public (CompanyFacts Normalized, Dictionary<string, string[]> Errors) Validate(CompanyFacts facts, DateTimeOffset now) => CompanyValidator.Validate(facts);

    public CompanyFacts Read(string factsJson) => CompanyIndexing.Read(factsJson);

    public Company ToRecord(PersonEntity entity, CompanyFacts facts) => new()
    {
        Id = entity.RowKey,
        Version = entity.Version,
        ETag = PersonEndpoints<CompanyFacts, Company>.ETagFor(entity),
        RecordedAt = entity.RecordedAt,
        UpdatedAt = entity.UpdatedAt,
        LegalName = facts.LegalName!,
        TradingNames = facts.TradingNames,
        RegistrationNumbers = facts.RegistrationNumbers,
        Country = facts.Country!,
        Addresses = facts.Addresses,
        RolesSeen = facts.RolesSeen,
        Notes = facts.Notes,
    };

    public async Task<IReadOnlyList<DuplicateMatch>> FindDuplicatesAsync(CompanyFacts facts, string? exceptId, CompanyFacts? before, Caller caller, CancellationToken cancellationToken)
    {
        var country = CompanyNames.CountryFacet(facts.Country);
        var lookups = (facts.RegistrationNumbers ?? [])
            .Where(r => r.Number is not null)
            .Select(async r => (await search.ByNumberAsync(Kind, PersonIndexRows.RegistrationPrefix, r.Number!, r.Country, cancellationToken)).Rows)
            .Concat(CompanyNames.Legal(facts).Select(async name =>
                (await index.QueryAsync(Kind, PersonIndexRows.MostSelectivePartition(name), country, country, cancellationToken)).Rows))
            .ToList();
        return await duplicates.ConfirmAsync(lookups, exceptId, facts, before, this, caller, cancellationToken);
    }

    public IReadOnlyList<string> StrongMatchesOf(CompanyFacts candidate, CompanyFacts existing) => StrongMatches(candidate, existing);

    public DuplicateCandidate Describe(PersonEntity record, CompanyFacts existing, IReadOnlyList<string> reasons) =>
        new(record.RowKey, reasons, existing.LegalName, existing.Country);

    public static IReadOnlyList<string> StrongMatches(CompanyFacts candidate, CompanyFacts existing)
    {
        var reasons = new List<string>();
        var sameRegistration = (candidate.RegistrationNumbers ?? []).Any(a => (existing.RegistrationNumbers ?? []).Any(b =>
            a.Number is not null && b.Number is not null
            && PersonIndexRows.NumberKey(a.Number) == PersonIndexRows.NumberKey(b.Number)
            && (a.Country is null || b.Country is null || a.Country == b.Country)));
        if (sameRegistration)
        {
            reasons.Add(SameRegistration);
        }

        if (candidate.Country == existing.Country && CompanyNames.Legal(candidate).Any(a => CompanyNames.Legal(existing).Any(a.SameKeysAs)))
        {
            reasons.Add(SameNameAndCountry);
        }

        return reasons;
    }
}
