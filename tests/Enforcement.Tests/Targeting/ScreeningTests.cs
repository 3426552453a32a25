using System.Text.Json.Nodes;
using Enforcement.Tests.Infrastructure;
using Enforcement.Tests.Persons;

namespace Enforcement.Tests.Targeting;

/// <summary>Screening a batch against watch lists and our own records, with explanations, limits and need to know.</summary>
public sealed class ScreeningTests(TargetingFixture fixture) : IClassFixture<TargetingFixture>
{
    private readonly HttpClient _analyst = fixture.Analyst;
    private readonly HttpClient _officer = fixture.Officer;

    [Fact]
    public async Task AMixedBatchFindsWatchListAndOwnRecordHitsWithExplanations()
    {
        var word = PersonSamples.UniqueWord();
        var list = await _analyst.CreateWatchListAsync();
        var container = Targets.Container();
        var imo = Targets.Imo();
        await _analyst.AddEntryAsync(list, new JsonObject { ["type"] = "person", ["name"] = $"Imran {word} Siddiqui", ["dateOfBirth"] = "1984-03-07", ["country"] = "PK" });
        await _analyst.AddEntryAsync(list, new JsonObject { ["type"] = "company", ["name"] = $"{word} Traders (Pvt) Ltd", ["country"] = "AE" });
        await _analyst.AddEntryAsync(list, new JsonObject { ["type"] = "container", ["identifier"] = container });
        await _analyst.AddEntryAsync(list, new JsonObject { ["type"] = "route", ["routeFrom"] = "AF", ["routeTo"] = "NL" });
        await fixture.Supervisor.RecordVesselAsync(imo, $"Star {word}");

        var decision = await _officer.ScreenAsync(
            new JsonObject { ["key"] = "p1", ["type"] = "person", ["name"] = $"IMRAN {word} SIDDIQI", ["dateOfBirth"] = "1984-03-07", ["nationality"] = "PK", ["documentNumber"] = "ZX9988776" },
            new JsonObject { ["key"] = "co1", ["type"] = "company", ["name"] = $"M/s {word} Traders LLC", ["country"] = "AE" },
            new JsonObject { ["key"] = "box", ["type"] = "container", ["containerNumber"] = container },
            new JsonObject { ["key"] = "ship", ["type"] = "vessel", ["imo"] = imo },
            new JsonObject { ["key"] = "cons", ["type"] = "consignment", ["hsCodes"] = new JsonArray("1211.90"), ["route"] = new JsonArray("AF", "PK", "NL") },
            new JsonObject { ["key"] = "nobody", ["type"] = "person", ["name"] = $"Zebulon {word}x Quartermaine" });

        Assert.Equal(200, decision.Status());
        Assert.StartsWith("DC-", decision["decisionId"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0.85, decision["matchThreshold"]!.GetValue<double>());
        Assert.Equal(4, decision["listVersions"]![list]!.GetValue<int>());
        var person = Assert.Single(decision.Result("p1").Hits("watchlist"));
        Assert.True(person["match"]!.GetValue<bool>());
        var features = person["explanations"]!.AsArray().ToDictionary(f => f!["feature"]!.GetValue<string>(), f => f!.AsObject());
        Assert.Equal(1.0, features["dateOfBirth"]["score"]!.GetValue<double>());
        Assert.Equal($"IMRAN {word} SIDDIQI", features["name"]["queryValue"]!.GetValue<string>());
        Assert.True(features["name"]["score"]!.GetValue<double>() is > 0.9 and < 1);
        Assert.True(Assert.Single(decision.Result("co1").Hits("watchlist"))["match"]!.GetValue<bool>());
        Assert.Equal(1.0, Assert.Single(decision.Result("box").Hits("watchlist"))["score"]!.GetValue<double>());
        Assert.Equal(1.0, Assert.Single(decision.Result("ship").Hits("conveyance"))["score"]!.GetValue<double>());
        Assert.Equal("AF>PK>NL", Assert.Single(decision.Result("cons").Hits("watchlist"))["explanations"]![0]!["queryValue"]!.GetValue<string>());
        Assert.Empty(decision.Result("nobody")["hits"]!.AsArray());
        Assert.All(decision["results"]!.AsArray(), r => Assert.Equal("green", r!["lane"]!.GetValue<string>()));
    }

    [Fact]
    public async Task APassengerUnderATransliteratedSpellingIsFoundWithOrWithoutBin()
    {
        var word = PersonSamples.UniqueWord();
        var suspect = await fixture.Supervisor.RecordSuspectAsync(PersonSamples.Suspect($"Mohammed bin {word} Rashid", "1981-05-02"));

        var decision = await _analyst.ScreenAsync(
            new JsonObject { ["key"] = "a", ["type"] = "person", ["name"] = $"Muhammad {word} Rashid", ["dateOfBirth"] = "1981-05-02" },
            new JsonObject { ["key"] = "b", ["type"] = "person", ["name"] = $"MUHAMMAD BIN {word} RASHID", ["dateOfBirth"] = "1981" },
            new JsonObject { ["key"] = "c", ["type"] = "person", ["name"] = $"Muhammad {word} Rashid", ["dateOfBirth"] = "1990-01-01" });

        var a = Assert.Single(decision.Result("a").Hits("suspect"), h => h["recordId"]!.GetValue<string>() == suspect);
        var b = Assert.Single(decision.Result("b").Hits("suspect"), h => h["recordId"]!.GetValue<string>() == suspect);
        var c = Assert.Single(decision.Result("c").Hits("suspect"), h => h["recordId"]!.GetValue<string>() == suspect);
        var nameA = a["explanations"]!.AsArray().Single(f => f!["feature"]!.GetValue<string>() == "name")!["score"]!.GetValue<double>();
        var nameB = b["explanations"]!.AsArray().Single(f => f!["feature"]!.GetValue<string>() == "name")!["score"]!.GetValue<double>();
        Assert.Equal(nameA, nameB);
        Assert.InRange(nameA, 0.95, 0.999);
        Assert.True(a["match"]!.GetValue<bool>());
        Assert.InRange(a["score"]!.GetValue<double>(), 0.96, 0.999);
        Assert.True(b["match"]!.GetValue<bool>());
        Assert.True(b["score"]!.GetValue<double>() < a["score"]!.GetValue<double>());
        Assert.False(c["match"]!.GetValue<bool>());
    }

    [Fact]
    public async Task AnOfficerSeesPriorSeizuresButNoNominalDetailsAndTheScreeningIsAudited()
    {
        var word = PersonSamples.UniqueWord();
        var suspect = await fixture.Supervisor.RecordSuspectAsync(PersonSamples.Suspect($"Khalid {word} Durrani", "1975-11-30"));
        var seizure = await fixture.Supervisor.RecordSeizureAsync(s => { });
        Assert.Equal(System.Net.HttpStatusCode.Created, (await fixture.Supervisor.LinkAsync(seizure, suspect, "courier")).StatusCode);
        var subject = new JsonObject { ["key"] = "pax7", ["type"] = "person", ["name"] = $"Khalid {word} Durrani", ["dateOfBirth"] = "1975-11-30" };

        var asOfficer = await _officer.ScreenAsync(subject.DeepClone().AsObject());
        var asAnalyst = await _analyst.ScreenAsync(subject.DeepClone().AsObject());

        var hidden = Assert.Single(asOfficer.Result("pax7").Hits("suspect"));
        Assert.True(hidden["restricted"]!.GetValue<bool>());
        Assert.Null(hidden["recordId"]);
        Assert.All(hidden["explanations"]!.AsArray(), f => Assert.Null(f!["candidateValue"]));
        var prior = Assert.Single(hidden["priorSeizures"]!.AsArray())!;
        Assert.Equal(seizure, prior["seizureId"]!.GetValue<string>());
        Assert.Equal("PKKHI-APFT", prior["office"]!.GetValue<string>());
        Assert.Equal("drugs", prior["categories"]![0]!.GetValue<string>());
        Assert.DoesNotContain("Durrani", asOfficer.ToJsonString().Replace($"Khalid {word} Durrani", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        var shown = Assert.Single(asAnalyst.Result("pax7").Hits("suspect"));
        Assert.Equal(suspect, shown["recordId"]!.GetValue<string>());
        Assert.False(shown["restricted"]!.GetValue<bool>());

        var admin = fixture.App.ClientAs("admin");
        var day = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var audit = await admin.GetStringAsync($"/api/admin/audit?date={day}&limit=1000");
        Assert.Contains(asOfficer["decisionId"]!.GetValue<string>(), audit, StringComparison.Ordinal);
        Assert.Contains("screening.screen", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BatchLimitsAreProblemsNamingTheLimit()
    {
        var tooMany = new JsonArray(Enumerable.Range(0, 101).Select(i => (JsonNode)new JsonObject { ["key"] = $"k{i}", ["type"] = "container", ["containerNumber"] = "CSQU3054383" }).ToArray());

        var over = await _officer.PostJsonAsync("/api/screening", new JsonObject { ["subjects"] = tooMany });
        var empty = await _officer.PostJsonAsync("/api/screening", new JsonObject { ["subjects"] = new JsonArray() });
        var duplicateKeys = await _officer.ScreenAsync(
            new JsonObject { ["key"] = "x", ["type"] = "container", ["containerNumber"] = "CSQU3054383" },
            new JsonObject { ["key"] = "x", ["type"] = "person", ["name"] = "Ali Khan" });

        Assert.Equal(400, over.Status());
        Assert.Contains("At most 100", over["errors"]!["subjects"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(400, empty.Status());
        Assert.NotNull(empty["errors"]!["subjects"]);
        Assert.Equal(400, duplicateKeys.Status());
        Assert.NotNull(duplicateKeys["errors"]!["subjects[1].key"]);
    }

    [Fact]
    public async Task AnIdempotencyKeyReplaysTheSameDecisionAndRefusesAnotherBody()
    {
        var key = Guid.NewGuid().ToString();
        var body = new JsonObject { ["subjects"] = new JsonArray(new JsonObject { ["key"] = "c", ["type"] = "container", ["containerNumber"] = Targets.Container() }) };

        var first = await _officer.PostJsonAsync("/api/screening", body.DeepClone(), key);
        var again = await _officer.PostJsonAsync("/api/screening", body.DeepClone(), key);
        var other = await _officer.PostJsonAsync("/api/screening", new JsonObject { ["subjects"] = new JsonArray(new JsonObject { ["key"] = "d", ["type"] = "container", ["containerNumber"] = Targets.Container() }) }, key);

        Assert.Equal(200, first.Status());
        Assert.Equal(first["decisionId"]!.GetValue<string>(), again["decisionId"]!.GetValue<string>());
        Assert.True(again["$replayed"]!.GetValue<bool>());
        Assert.Equal(422, other.Status());
    }

    [Fact]
    public async Task TheAlgorithmIsPublished()
    {
        var algorithm = await _officer.GetJsonAsync("/api/screening/algorithm");

        Assert.Equal(200, algorithm.Status());
        Assert.Equal(0.85, algorithm["matchThreshold"]!.GetValue<double>());
        Assert.Contains(algorithm["personFeatures"]!.AsArray(), f => f!["name"]!.GetValue<string>() == "name" && f["weight"]!.GetValue<double>() == 0.6);
    }

    [Theory]
    [InlineData("analyst", null, null, 200)]
    [InlineData("supervisor", "PKKHI", null, 200)]
    [InlineData("officer", "PKKHI-APFT", null, 200)]
    [InlineData("rilo", null, "AP", 403)]
    [InlineData("partner", null, null, 403)]
    [InlineData("admin", null, null, 403)]
    [InlineData(null, null, null, 401)]
    public async Task OnlyAnalystsOfficersAndSupervisorsScreen(string? role, string? office, string? region, int expected)
    {
        using var client = role is null ? fixture.App.Client() : fixture.App.ClientAs(role, office, region);

        var screened = await client.ScreenAsync(new JsonObject { ["key"] = "c", ["type"] = "container", ["containerNumber"] = "CSQU3054383" });
        var lists = await client.GetAsync("/api/watchlists");
        var rules = await client.GetAsync("/api/rules");
        var lookup = await client.GetAsync("/api/conveyances?scheme=imo&value=9074729");
        var validated = await client.PostJsonAsync("/api/identifiers/validate", new JsonObject { ["scheme"] = "imo", ["value"] = "9074729" });
        var candidates = await client.GetAsync("/api/conveyances/CV-01KAQ3J6W2X8Y4Z5AB/candidates");

        Assert.Equal(expected, screened.Status());
        Assert.Equal(expected, (int)lookup.StatusCode);
        Assert.Equal(expected, validated.Status());
        Assert.Equal(role == "analyst" ? 404 : expected == 200 ? 403 : expected, (int)candidates.StatusCode);
        Assert.Equal(role == "analyst" ? 200 : expected == 200 ? 403 : expected, (int)lists.StatusCode);
        Assert.Equal(role == "analyst" ? 200 : expected == 200 ? 403 : expected, (int)rules.StatusCode);
    }
}
