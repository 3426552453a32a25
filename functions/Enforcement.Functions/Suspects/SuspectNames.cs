using Enforcement.Functions.NameMatching;

namespace Enforcement.Functions.Suspects;

/// <summary>The names a suspect is found by: the full name as written, given and family names together, each alias.</summary>
internal static class SuspectNames
{
    public static IReadOnlyList<FoldedName> Of(SuspectFacts facts) => Fold(Written(facts));

    /// <summary>The person's own names, without aliases (which many people share): what the duplicate guard compares.</summary>
    public static IReadOnlyList<FoldedName> Primary(SuspectFacts facts) => Fold(Written(facts with { Aliases = null }));

    private static List<FoldedName> Fold(IEnumerable<string> written) => written
        .Select(PersonNameFolding.Fold)
        .Where(n => !n.IsEmpty)
        .DistinctBy(n => n.Text)
        .ToList();

    /// <summary>The names as written, in the same order as <see cref="Of"/> before folding.</summary>
    public static IEnumerable<string> Written(SuspectFacts facts)
    {
        if (facts.FullName is { } full)
        {
            yield return full;
        }

        var parts = string.Join(' ', new[] { facts.GivenNames, facts.FamilyName }.OfType<string>());
        if (parts.Length > 0)
        {
            yield return parts;
        }

        foreach (var alias in facts.Aliases ?? [])
        {
            yield return alias;
        }
    }

    public static string Display(SuspectFacts facts) => Written(facts).FirstOrDefault() ?? string.Empty;

    /// <summary>The year of birth as an index facet ("1985"), or "----" when unknown.</summary>
    public static string BirthYearFacet(string? dateOfBirth) => dateOfBirth is { Length: >= 4 } ? dateOfBirth[..4] : "----";
}
