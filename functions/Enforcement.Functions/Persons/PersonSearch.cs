using Enforcement.Functions.NameMatching;

namespace Enforcement.Functions.Persons;

/// <summary>
/// Finds candidates in the person index with bounded work: a name is looked up under each of its (at most five)
/// transliteration keys and each pair of them, one page per partition, and the candidates are ranked on the names
/// the index rows carry, before any record is read. A number is one partition.
/// </summary>
internal sealed class PersonSearch(PersonIndex index)
{
    public const int MaxQueryKeys = 5;

    /// <summary>Below this closeness a name is not a match (e.g. "Imran Khan" for "Muhammad Khan" scores about 0.77).</summary>
    public const double MinimumScore = 0.8;

    public async Task<(IReadOnlyList<NameCandidate> Candidates, bool Complete)> ByNameAsync(
        PersonKind kind, FoldedName query, string? facetFrom, string? facetTo, int take, CancellationToken cancellationToken)
    {
        var keys = query.DistinctKeys.Take(MaxQueryKeys).ToList();
        var partitions = PersonIndexRows.NamePartitions(keys).ToList();
        var pages = await Task.WhenAll(partitions.Select(p => index.QueryAsync(kind, p, facetFrom, facetTo, cancellationToken)));
        var candidates = pages
            .SelectMany(p => p.Rows)
            .GroupBy(r => r.PersonId, StringComparer.Ordinal)
            .Select(g => Rank(query, g.Key, g.First().FoldedNames()))
            .Where(c => c.Score >= MinimumScore)
            .OrderByDescending(c => c.Score)
            .ThenBy(c => c.PersonId, StringComparer.Ordinal)
            .Take(take)
            .ToList();
        return (candidates, pages.All(p => p.Complete));
    }

    /// <summary>Records holding a number (document or registration), optionally only those issued by a country
    /// (records whose issuing country is unknown match any country).</summary>
    public async Task<(IReadOnlyList<PersonIndexRow> Rows, bool Complete)> ByNumberAsync(
        PersonKind kind, string prefix, string number, string? country, CancellationToken cancellationToken)
    {
        var partition = prefix + PersonIndexRows.NumberKey(number);
        var (rows, complete) = await index.QueryAsync(kind, partition, null, null, cancellationToken);
        return (rows.Where(r => country is null || r.Facet == country || r.Facet == PersonIndexRows.UnknownCountry).ToList(), complete);
    }

    public static NameCandidate Rank(FoldedName query, string personId, IReadOnlyList<FoldedName> names)
    {
        var best = names.Select(n => (Name: n, Score: NameSimilarity.Score(query, n))).MaxBy(n => n.Score);
        return new NameCandidate(personId, Math.Round(best.Score, 3), best.Name?.Text ?? string.Empty);
    }
}

/// <summary>A candidate of a name search: how close its best-matching name is.</summary>
internal sealed record NameCandidate(string PersonId, double Score, string MatchedName);
