using System.Net;
using System.Text.Json.Nodes;
using Enforcement.Tests.Infrastructure;

namespace Enforcement.Tests.Persons;

public sealed class RecordingCompanyTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly HttpClient _client = fixture.Client;
    private readonly HttpClient _analyst = fixture.Analyst;

    [Fact]
    public async Task PostingAValidCompanyReturnsTheNormalizedRecord()
    {
        var body = PersonSamples.Company(registration: "1234567 8");

        var response = await _client.PostCompanyAsync(body, allowDuplicate: true);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadObjectAsync();
        Assert.Matches("^CO-[0-9A-HJKMNP-TV-Z]{18}$", created["id"]!.GetValue<string>());
        Assert.Equal("\"1\"", response.Headers.ETag!.Tag);
        Assert.Equal("12345678", created["registrationNumbers"]![0]!["number"]!.GetValue<string>());
        Assert.Equal("PK", created["registrationNumbers"]![0]!["country"]!.GetValue<string>());
        Assert.Equal(new[] { "importer", "consignee" }, created["rolesSeen"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    [Fact]
    public async Task EveryViolationIsNamed()
    {
        var body = new JsonObject
        {
            ["legalName"] = " ",
            ["registrationNumbers"] = new JsonArray(new JsonObject { ["scheme"] = "N T N", ["number"] = "1" }),
            ["country"] = "ZZ",
            ["rolesSeen"] = new JsonArray("smuggler"),
        };

        var response = await _client.PostCompanyAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadObjectAsync())["errors"]!.AsObject();
        Assert.Equal(new[] { "country", "legalName", "registrationNumbers[0].number", "registrationNumbers[0].scheme", "rolesSeen[0]" },
            errors.Select(e => e.Key).Order(StringComparer.Ordinal));
    }

    /// <summary>Keeps only this test's records: shared words (Noor, Gulf Star) rightly match other tests' companies too.</summary>
    private static List<JsonNode?> Own(string word, IEnumerable<JsonNode?> found) =>
        found.Where(f => f?["company"]?["legalName"]?.GetValue<string>().Contains(word, StringComparison.OrdinalIgnoreCase) == true).ToList();

    [Fact]
    public async Task ANameSearchIgnoresLegalFormsAndRanksByCloseness()
    {
        var word = PersonSamples.UniqueWord();
        var exact = await _client.RecordCompanyAsync(PersonSamples.Company($"Gulf Star {word} General Trading LLC", "AE"));
        var variant = await _client.RecordCompanyAsync(PersonSamples.Company($"GULF STAR {word} GENERAL TRADING L.L.C. FZE", "AE"));
        var pakistani = await _client.RecordCompanyAsync(PersonSamples.Company($"Gulf Star {word} General (Pvt) Ltd", "PK"));

        var everywhere = Own(word, await _analyst.ItemsAsync($"/api/companies?name={Uri.EscapeDataString($"Gulf Star {word} General FZ-LLC")}"));
        var inEmirates = Own(word, await _analyst.ItemsAsync($"/api/companies?name={Uri.EscapeDataString($"gulf star {word} general")}&country=AE"));

        Assert.Equal(new[] { exact, pakistani, variant }.Order(), everywhere.Select(f => f!["company"]!["id"]!.GetValue<string>()).Order());
        Assert.All(everywhere, f => Assert.Equal(1.0, f!["score"]!.GetValue<double>()));
        Assert.Equal(new[] { exact, variant }.Order(), inEmirates.Select(f => f!["company"]!["id"]!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task ATradingNameFindsTheCompany()
    {
        var word = PersonSamples.UniqueWord();
        var company = PersonSamples.Company($"Sadiq {word} Enterprises (Private) Limited");
        company["tradingNames"] = new JsonArray($"Nour {word} Traders");
        var id = await _client.RecordCompanyAsync(company);

        var found = Own(word, await _analyst.ItemsAsync($"/api/companies?name={Uri.EscapeDataString($"Noor {word}")}"));

        Assert.Equal(id, Assert.Single(found)!["company"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task ARegistrationNumberIsFoundHoweverItIsTyped()
    {
        var registration = PersonSamples.UniqueRegistration();
        var id = await _client.RecordCompanyAsync(PersonSamples.Company(registration: registration));

        var found = await _analyst.ItemsAsync($"/api/companies?registration={registration.Replace("-", " ", StringComparison.Ordinal)}");

        Assert.Equal(id, Assert.Single(found)!["company"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task ACompanyIsCorrectedWithAMergePatch()
    {
        var id = await _client.RecordCompanyAsync();

        var response = await _client.PatchPersonAsync("companies", id, new JsonObject { ["rolesSeen"] = new JsonArray("carrier") }, "\"1\"");
        var stale = await _client.PatchPersonAsync("companies", id, new JsonObject { ["notes"] = "x" }, "\"1\"");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("carrier", (await response.ReadObjectAsync())["rolesSeen"]![0]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
    }
}
