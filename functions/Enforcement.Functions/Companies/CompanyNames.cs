using Enforcement.Functions.NameMatching;

namespace Enforcement.Functions.Companies;

/// <summary>The names a company is found by: its legal name and each trading name, legal forms folded away.</summary>
internal static class CompanyNames
{
    public static IReadOnlyList<FoldedName> Of(CompanyFacts facts) => Fold(Written(facts));

    /// <summary>The legal name only (trading names are often generic): what the duplicate guard compares.</summary>
    public static IReadOnlyList<FoldedName> Legal(CompanyFacts facts) => Fold(new[] { facts.LegalName }.OfType<string>());

    private static List<FoldedName> Fold(IEnumerable<string> written) => written
        .Select(CompanyNameFolding.Fold)
        .Where(n => !n.IsEmpty)
        .DistinctBy(n => n.Text)
        .ToList();

    public static IEnumerable<string> Written(CompanyFacts facts) =>
        new[] { facts.LegalName }.Concat(facts.TradingNames ?? []).OfType<string>();

    public static string CountryFacet(string? country) => country ?? Persons.PersonIndexRows.UnknownCountry;
}
