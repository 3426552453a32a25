using System.Text.Json;
using Enforcement.Functions.Http;
using Enforcement.Functions.Persons;

namespace Enforcement.Functions.Companies;

/// <summary>A company is found by each registration number and by each of its names.</summary>
internal sealed class CompanyIndexing : IPersonIndexing
{
    public PersonKind Kind => PersonKind.Company;

    public IReadOnlyList<PersonIndexRow> RowsFor(string personId, int version, string factsJson)
    {
        var facts = Read(factsJson);
        var registrations = (facts.RegistrationNumbers ?? [])
            .Where(r => r.Number is not null)
            .Select(r => PersonIndexRows.ForNumber(PersonIndexRows.RegistrationPrefix, personId, version, r.Number!, r.Country, r.Scheme));
        var names = PersonIndexRows.ForNames(personId, version, CompanyNames.Of(facts), CompanyNames.CountryFacet(facts.Country), null);
        return registrations.Concat(names).ToList();
    }

    public static CompanyFacts Read(string factsJson) =>
        JsonSerializer.Deserialize<CompanyFacts>(factsJson, JsonBody.Options) ?? throw new InvalidOperationException("A company record has no facts.");
}
