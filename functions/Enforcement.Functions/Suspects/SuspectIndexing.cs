using System.Text.Json;
using Enforcement.Functions.Http;
using Enforcement.Functions.Persons;

namespace Enforcement.Functions.Suspects;

/// <summary>A suspect is found by each identity document's number and by each of its names.</summary>
internal sealed class SuspectIndexing : IPersonIndexing
{
    public PersonKind Kind => PersonKind.Suspect;

    public IReadOnlyList<PersonIndexRow> RowsFor(string personId, int version, string factsJson)
    {
        var facts = Read(factsJson);
        var documents = (facts.Documents ?? [])
            .Where(d => d.Number is not null)
            .Select(d => PersonIndexRows.ForNumber(PersonIndexRows.DocumentPrefix, personId, version, d.Number!, d.IssuingCountry, d.Type));
        var names = PersonIndexRows.ForNames(personId, version, SuspectNames.Of(facts), SuspectNames.BirthYearFacet(facts.DateOfBirth), facts.DateOfBirth);
        return documents.Concat(names).ToList();
    }

    public static SuspectFacts Read(string factsJson) =>
        JsonSerializer.Deserialize<SuspectFacts>(factsJson, JsonBody.Options) ?? throw new InvalidOperationException("A suspect record has no facts.");
}
