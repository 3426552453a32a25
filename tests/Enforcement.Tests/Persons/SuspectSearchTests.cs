using System.Net;
using System.Text.Json.Nodes;
using Enforcement.Tests.Infrastructure;

namespace Enforcement.Tests.Persons;

/// <summary>Finding a person by a document number or a misspelt name in one step. Each test uses a name part no
/// other test uses, so that the shared fixture's other records never appear in its results.</summary>
public sealed class SuspectSearchTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly HttpClient _officer = fixture.Client;
    private readonly HttpClient _analyst = fixture.Analyst;

    private Task<string> RecordAsync(string fullName, string? dateOfBirth = "1985-03-14", string? passport = null) =>
        _officer.RecordSuspectAsync(PersonSamples.Suspect(fullName, dateOfBirth, passport));

    /// <summary>Keeps only this test's records: common names (Muhammad, Khan) rightly match other tests' people too.</summary>
    private static List<JsonNode?> Own(string word, IEnumerable<JsonNode?> found) =>
        found.Where(f => f?["suspect"]?["fullName"]?.GetValue<string>().Contains(word, StringComparison.OrdinalIgnoreCase) == true).ToList();

    private static string Search(string name, string? extra = null) => $"/api/suspects?name={Uri.EscapeDataString(name)}{extra}";

    [Fact]
    public async Task EveryRomanisationOfMuhammadAndKhanFindsEveryOther()
    {
        var word = PersonSamples.UniqueWord();
        var spellings = new[] { $"Muhammad {word} Khan", $"Mohammad {word} Khaan", $"MOHAMMED {word} KHAN", $"Muhammed {word} Kahn", $"Mohamed {word} Khan" };
        var ids = new List<string>();
        foreach (var spelling in spellings)
        {
            ids.Add(await RecordAsync(spelling));
        }

        foreach (var spelling in spellings)
        {
            var found = Own(word, await _analyst.ItemsAsync(Search(spelling)));

            Assert.Equal(ids.Order(), found.Select(f => f!["suspect"]!["id"]!.GetValue<string>()).Order());
        }
    }

    [Fact]
    public async Task TheExactSpellingRanksFirstAndScoresOne()
    {
        var word = PersonSamples.UniqueWord();
        var variant = await RecordAsync($"Mohammed {word} Khaan");
        var exact = await RecordAsync($"Muhammad {word} Khan");
        var longer = await RecordAsync($"Muhammad Ali {word} Khan");

        var found = Own(word, await _analyst.ItemsAsync(Search($"Muhammad {word} Khan")));

        Assert.Equal(new[] { exact, variant, longer }, found.Select(f => f!["suspect"]!["id"]!.GetValue<string>()));
        Assert.Equal(1.0, found[0]!["score"]!.GetValue<double>());
        Assert.Equal($"Muhammad {word} Khan", found[0]!["matchedOn"]!.GetValue<string>());
        Assert.True(found[1]!["score"]!.GetValue<double>() > found[2]!["score"]!.GetValue<double>());
    }

    [Fact]
    public async Task CaseDiacriticsPunctuationAndWordOrderDoNotMatter()
    {
        var word = PersonSamples.UniqueWord();
        var id = await RecordAsync($"Zoë Muñoz-Çelik {word}");

        var found = Own(word, await _analyst.ItemsAsync(Search($"{word.ToUpperInvariant()}, celik zoe munoz")));

        Assert.Equal(id, Assert.Single(found)!["suspect"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task ArabicNameCompoundsAndArticlesAreFoundInEveryForm()
    {
        var word = PersonSamples.UniqueWord();
        var id = await RecordAsync($"Abd al-Rahman {word} Al-Qureshi");

        foreach (var spelling in new[] { $"Abdul Rehman {word} Qureshi", $"Abdurrahman {word} Kureshi", $"abdel rahman el qureshi {word}" })
        {
            var found = Own(word, await _analyst.ItemsAsync(Search(spelling)));

            Assert.Contains(found, f => f!["suspect"]!["id"]!.GetValue<string>() == id);
        }
    }

    [Fact]
    public async Task AnotherPersonSharingOnlyAFamilyNameIsNotAMatch()
    {
        var word = PersonSamples.UniqueWord();
        var muhammad = await RecordAsync($"Muhammad {word}");
        await RecordAsync($"Imran {word}");
        await RecordAsync($"Mahmood {word}");

        var found = Own(word, await _analyst.ItemsAsync(Search($"Mohammad {word}")));
        var everyone = Own(word, await _analyst.ItemsAsync(Search(word)));

        Assert.Equal(muhammad, Assert.Single(found)!["suspect"]!["id"]!.GetValue<string>());
        Assert.Equal(3, everyone.Count);
    }

    [Fact]
    public async Task AnAliasFindsThePerson()
    {
        var word = PersonSamples.UniqueWord();
        var suspect = PersonSamples.Suspect($"Tariq {word}");
        suspect["aliases"] = new JsonArray($"Shah Jee {word}");
        var id = await _officer.RecordSuspectAsync(suspect);

        var found = Own(word, await _analyst.ItemsAsync(Search($"shah ji {word}")));

        Assert.Equal(id, Assert.Single(found)!["suspect"]!["id"]!.GetValue<string>());
        Assert.Equal($"Shah Jee {word}", found[0]!["matchedOn"]!.GetValue<string>());
    }

    [Fact]
    public async Task ABirthYearNarrowsANameSearchToWithinAYear()
    {
        var word = PersonSamples.UniqueWord();
        await RecordAsync($"Imran {word} Baloch", "1980-01-02");
        var young = await RecordAsync($"Imran {word} Baloch", "1995");
        await RecordAsync($"Imran {word} Baloch", null);

        var found = Own(word, await _analyst.ItemsAsync(Search($"Imran {word} Baloch", "&birthYear=1994")));
        var all = Own(word, await _analyst.ItemsAsync(Search($"Imran {word} Baloch")));

        Assert.Equal(young, Assert.Single(found)!["suspect"]!["id"]!.GetValue<string>());
        Assert.Equal(3, all.Count);
    }

    [Fact]
    public async Task ADocumentNumberIsFoundHoweverItIsTyped()
    {
        var number = PersonSamples.UniquePassport();
        var id = await RecordAsync($"Waseem {PersonSamples.UniqueWord()}", passport: number);

        foreach (var typed in new[] { number, number.ToLowerInvariant(), $"{number[..2]} {number[2..5]}-{number[5..]}" })
        {
            var response = await _analyst.GetAsync($"/api/suspects?document={Uri.EscapeDataString(typed)}");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.ReadObjectAsync();
            Assert.Equal(id, Assert.Single(body["items"]!.AsArray())!["suspect"]!["id"]!.GetValue<string>());
            Assert.True(body["complete"]!.GetValue<bool>());
        }
    }

    [Fact]
    public async Task ACountryNarrowsADocumentSearch()
    {
        var number = PersonSamples.UniquePassport();
        var pakistani = await RecordAsync($"Imran {PersonSamples.UniqueWord()}", passport: number);
        var british = PersonSamples.Suspect($"Imran {PersonSamples.UniqueWord()}", passport: number);
        british["documents"]![0]!["issuingCountry"] = "GB";
        var briton = await _officer.RecordSuspectAsync(british);

        var inPakistan = await _analyst.ItemsAsync($"/api/suspects?document={number}&country=pk");
        var anywhere = await _analyst.ItemsAsync($"/api/suspects?document={number}");

        Assert.Equal(pakistani, Assert.Single(inPakistan)!["suspect"]!["id"]!.GetValue<string>());
        Assert.Equal(new[] { pakistani, briton }.Order(), anywhere.Select(f => f!["suspect"]!["id"]!.GetValue<string>()).Order());
    }

    [Theory]
    [InlineData("/api/suspects", "document")]
    [InlineData("/api/suspects?document=AB1234567&name=Imran", "document")]
    [InlineData("/api/suspects?document=A-1", "document")]
    [InlineData("/api/suspects?name=--", "name")]
    [InlineData("/api/suspects?name=Imran&birthYear=85", "birthYear")]
    [InlineData("/api/suspects?name=Imran&country=PK", "country")]
    [InlineData("/api/suspects?document=AB1234567&country=XX", "country")]
    [InlineData("/api/suspects?name=Imran&limit=500", "limit")]
    public async Task ASearchWithoutOrWithWrongTermsNamesTheField(string path, string field)
    {
        var response = await _analyst.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadObjectAsync())["errors"]!.AsObject().ContainsKey(field));
    }

    [Fact]
    public async Task AnOfficerFindsOnlyThePersonsOfTheirOffice()
    {
        var word = PersonSamples.UniqueWord();
        var ours = await RecordAsync($"Kamran {word}");
        await fixture.SupervisorOf("PKLHE").RecordSuspectAsync(PersonSamples.Suspect($"Kamran {word}", "1970"));

        var officerSees = Own(word, await _officer.ItemsAsync(Search($"Kamran {word}")));
        var analystSees = Own(word, await _analyst.ItemsAsync(Search($"Kamran {word}")));

        Assert.Equal(ours, Assert.Single(officerSees)!["suspect"]!["id"]!.GetValue<string>());
        Assert.Equal(2, analystSees.Count);
    }
}
