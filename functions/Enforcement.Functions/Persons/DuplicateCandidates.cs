using Enforcement.Functions.Security;

namespace Enforcement.Functions.Persons;

/// <summary>
/// The duplicate guard's steps that are the same for suspects and companies: the ids the index lookups found (at
/// most <see cref="MaxCandidates"/>), each confirmed on the record itself because the index may trail the records,
/// and marked with whether the caller may read it. The kinds supply only what differs: their lookups, what makes two
/// records strongly the same, and how a candidate is described.
/// </summary>
internal sealed class DuplicateCandidates(PersonStore store, PersonAccess access)
{
    public const int MaxCandidates = 20;

    public async Task<IReadOnlyList<DuplicateMatch>> ConfirmAsync<TFacts>(
        IEnumerable<Task<IReadOnlyList<PersonIndexRow>>> lookups,
        string? exceptId,
        TFacts facts,
        TFacts? before,
        IPersonRules<TFacts> rules,
        Caller caller,
        CancellationToken cancellationToken)
        where TFacts : class
    {
        var ids = (await Task.WhenAll(lookups))
            .SelectMany(rows => rows)
            .Select(r => r.PersonId)
            .Where(id => id != exceptId)
            .Distinct(StringComparer.Ordinal)
            .Take(MaxCandidates)
            .Select(id => new PersonId(id))
            .ToList();

        var candidates = new List<DuplicateMatch>();
        foreach (var record in await store.GetManyAsync(ids, cancellationToken))
        {
            var existing = rules.Read(record.Facts);
            var reasons = rules.StrongMatchesOf(facts, existing);

            // A correction is not blocked by a match its record already had before the change.
            if (reasons.Count == 0 || (before is not null && rules.StrongMatchesOf(before, existing).Count > 0))
            {
                continue;
            }

            var visible = await access.CanReadAsync(caller, record, cancellationToken);
            candidates.Add(new DuplicateMatch(rules.Describe(record, existing, reasons), visible));
        }

        return candidates;
    }
}

/// <summary>What a kind of person record says about two of its records for the duplicate guard.</summary>
internal interface IPersonRules<TFacts>
    where TFacts : class
{
    TFacts Read(string factsJson);

    IReadOnlyList<string> StrongMatchesOf(TFacts candidate, TFacts existing);

    DuplicateCandidate Describe(PersonEntity record, TFacts existing, IReadOnlyList<string> reasons);
}
