using System.Text.Json.Nodes;
using Enforcement.Functions.Screening;
using Enforcement.Tests.Infrastructure;
using Enforcement.Tests.Persons;

namespace Enforcement.Tests.Targeting;

/// <summary>Risk rules, lanes, the random floor, back-testing, feedback and suppression.</summary>
public sealed class RuleTests(TargetingFixture fixture) : IClassFixture<TargetingFixture>
{
    private readonly HttpClient _analyst = fixture.Analyst;

    private async Task<string> RuleAsync(string name, JsonObject condition, int weight, string status = "active")
    {
        var created = await _analyst.PostJsonAsync("/api/rules", new JsonObject { ["name"] = name, ["condition"] = condition, ["weight"] = weight, ["status"] = status });
        return created["id"]?.GetValue<string>() ?? throw new InvalidOperationException(created.ToJsonString());
    }

    [Fact]
    public void TheSeededRandomFloorSelectsAtItsRateOver10000Draws()
    {
        var seed = RandomFloor.SeedBytes(TargetingFixture.Seed);
        foreach (var rate in new[] { 0.02, 0.05, 0.2 })
        {
            var selected = Enumerable.Range(0, 10_000).Count(i => RandomFloor.Draw(seed, "DC-01JBENCHMARKDECISION", $"pax-{i}") < rate);

            Assert.InRange(selected / 10_000.0, rate - 0.01, rate + 0.01);
        }

        Assert.Equal(RandomFloor.Draw(seed, "DC-1", "a"), RandomFloor.Draw(seed, "DC-1", "a"));
        Assert.NotEqual(RandomFloor.Draw(seed, "DC-1", "a"), RandomFloor.Draw(RandomFloor.SeedBytes("another-seed-of-sixteen"), "DC-1", "a"));
    }

    [Fact]
    public async Task RuleWeightsAddUpToTheLaneAndTheDrawCanBeRecomputed()
    {
        var country = "TJ";
        var route = await RuleAsync("Route via Tajikistan", new JsonObject { ["kind"] = "route-country", ["value"] = country }, 60);
        var chapter = await RuleAsync("Arms", new JsonObject { ["kind"] = "hs-chapter", ["value"] = "93" }, 50);
        var draft = await RuleAsync("Draft only", new JsonObject { ["kind"] = "subject-type", ["value"] = "consignment" }, 500, "draft");

        var decision = await _analyst.ScreenAsync(
            new JsonObject { ["key"] = "red", ["type"] = "consignment", ["hsCodes"] = new JsonArray("930190"), ["route"] = new JsonArray(country, "PK") },
            new JsonObject { ["key"] = "yellow", ["type"] = "consignment", ["hsCodes"] = new JsonArray("6109"), ["route"] = new JsonArray(country, "PK") },
            new JsonObject { ["key"] = "green", ["type"] = "consignment", ["hsCodes"] = new JsonArray("6109"), ["route"] = new JsonArray("CN", "PK") });

        var red = decision.Result("red");
        Assert.Equal("red", red["lane"]!.GetValue<string>());
        Assert.Equal("rules", red["laneReason"]!.GetValue<string>());
        Assert.Equal(110, red["totalWeight"]!.GetValue<int>());
        Assert.Equal(new[] { route, chapter }.Order(), red["ruleHits"]!.AsArray().Select(h => h!["ruleId"]!.GetValue<string>()).Order());
        Assert.Equal("yellow", decision.Result("yellow")["lane"]!.GetValue<string>());
        Assert.Equal("green", decision.Result("green")["lane"]!.GetValue<string>());
        Assert.False(decision["ruleVersions"]!.AsObject().ContainsKey(draft));
        Assert.Equal(1, decision["ruleVersions"]![route]!.GetValue<int>());
        var drawn = decision.Result("green")["random"]!;
        Assert.Equal(Math.Round(RandomFloor.Draw(RandomFloor.SeedBytes(TargetingFixture.Seed), decision["decisionId"]!.GetValue<string>(), "green"), 6), drawn["draw"]!.GetValue<double>());
        Assert.Equal(RandomFloor.SeedId(RandomFloor.SeedBytes(TargetingFixture.Seed)), drawn["seedId"]!.GetValue<string>());

        var retired = await _analyst.PostJsonAsync("/api/rules", new JsonObject());
        Assert.Equal(400, retired.Status());
        var replaced = await PutAsync($"/api/rules/{chapter}", new JsonObject { ["name"] = "Arms", ["condition"] = new JsonObject { ["kind"] = "hs-chapter", ["value"] = "93" }, ["weight"] = 50, ["status"] = "retired" });
        Assert.Equal(2, replaced["version"]!.GetValue<int>());
        var after = await _analyst.ScreenAsync(new JsonObject { ["key"] = "red", ["type"] = "consignment", ["hsCodes"] = new JsonArray("930190"), ["route"] = new JsonArray(country, "PK") });
        Assert.Equal("yellow", after.Result("red")["lane"]!.GetValue<string>());
        await PutAsync($"/api/rules/{route}", new JsonObject { ["name"] = "Route via Tajikistan", ["condition"] = new JsonObject { ["kind"] = "route-country", ["value"] = country }, ["weight"] = 60, ["status"] = "retired" });
    }

    private async Task<JsonObject> PutAsync(string path, JsonObject body)
    {
        var response = await _analyst.PutAsync(path, System.Net.Http.Json.JsonContent.Create(body));
        return await response.ReadObjectAsync();
    }

    [Fact]
    public async Task ABacktestCountsHitsAndYieldPerMonthOverPastSeizures()
    {
        var rule = await RuleAsync("Via Oman, draft", new JsonObject { ["kind"] = "route-country", ["value"] = "OM" }, 40, "draft");
        async Task Seize(string seizedAt, bool viaOman) => await fixture.Supervisor.RecordSeizureAsync(s =>
        {
            s["seizedAt"] = seizedAt;
            s["route"]!["transitCountries"] = viaOman ? new JsonArray("OM") : new JsonArray("QA");
        });
        await Seize("2024-03-05T10:00:00+05:00", true);
        await Seize("2024-03-09T10:00:00+05:00", true);
        await Seize("2024-03-12T10:00:00+05:00", false);
        await Seize("2024-04-02T10:00:00+05:00", false);

        var response = await _analyst.PostAsync($"/api/rules/{rule}/backtest?from=2024-02&to=2024-04", null);
        var report = await response.ReadObjectAsync();
        var badRange = await _analyst.PostAsync($"/api/rules/{rule}/backtest?from=2024-04&to=2024-02", null);

        Assert.Equal(200, (int)response.StatusCode);
        var months = report["months"]!.AsArray();
        Assert.Equal(new[] { "2024-02", "2024-03", "2024-04" }, months.Select(m => m!["month"]!.GetValue<string>()));
        Assert.Equal(0, months[0]!["seizures"]!.GetValue<int>());
        Assert.Equal(3, months[1]!["seizures"]!.GetValue<int>());
        Assert.Equal(2, months[1]!["hits"]!.GetValue<int>());
        Assert.Equal(0.6667, months[1]!["yield"]!.GetValue<double>());
        Assert.Equal(0, months[2]!["hits"]!.GetValue<int>());
        Assert.Equal(2, report["hits"]!.GetValue<int>());
        Assert.Equal(400, (int)badRange.StatusCode);
    }

    [Fact]
    public async Task FeedbackGivesEachRuleItsHitRateAndYield()
    {
        var rule = await RuleAsync("Consignments from Kyrgyzstan", new JsonObject { ["kind"] = "route-country", ["value"] = "KG" }, 10);
        var decision = await _analyst.ScreenAsync(
            new JsonObject { ["key"] = "a", ["type"] = "consignment", ["route"] = new JsonArray("KG", "PK") },
            new JsonObject { ["key"] = "b", ["type"] = "consignment", ["route"] = new JsonArray("KG", "PK") },
            new JsonObject { ["key"] = "c", ["type"] = "consignment", ["route"] = new JsonArray("TR", "PK") });
        var id = decision["decisionId"]!.GetValue<string>();
        var seizure = await fixture.Supervisor.RecordSeizureAsync(s => { });

        var made = await fixture.Officer.PostJsonAsync($"/api/screening/{id}/feedback", new JsonObject { ["subjectKey"] = "a", ["result"] = "seizure-made", ["seizureId"] = seizure });
        var nothing = await fixture.Officer.PostJsonAsync($"/api/screening/{id}/feedback", new JsonObject { ["subjectKey"] = "b", ["result"] = "nothing-found" });
        var twice = await fixture.Officer.PostJsonAsync($"/api/screening/{id}/feedback", new JsonObject { ["subjectKey"] = "b", ["result"] = "seizure-made", ["seizureId"] = seizure });
        var noSeizure = await fixture.Officer.PostJsonAsync($"/api/screening/{id}/feedback", new JsonObject { ["subjectKey"] = "c", ["result"] = "seizure-made" });
        var performance = await _analyst.GetJsonAsync($"/api/rules/{rule}/performance");

        Assert.Equal(201, made.Status());
        Assert.Equal(201, nothing.Status());
        Assert.Equal(409, twice.Status());
        Assert.Equal(400, noSeizure.Status());
        var month = Assert.Single(performance["months"]!.AsArray())!;
        Assert.Equal(3, month["screened"]!.GetValue<int>());
        Assert.Equal(2, month["hits"]!.GetValue<int>());
        Assert.Equal(0.6667, month["hitRate"]!.GetValue<double>());
        Assert.Equal(2, month["examined"]!.GetValue<int>());
        Assert.Equal(1, month["seizures"]!.GetValue<int>());
        Assert.Equal(0.5, month["yield"]!.GetValue<double>());
        await PutAsync($"/api/rules/{rule}", new JsonObject { ["name"] = "x", ["condition"] = new JsonObject { ["kind"] = "route-country", ["value"] = "KG" }, ["weight"] = 10, ["status"] = "retired" });
    }

    [Fact]
    public async Task AFalsePositiveMatchIsSuppressedForThatSubjectOnlyUntilItExpires()
    {
        var word = PersonSamples.UniqueWord();
        var list = await _analyst.CreateWatchListAsync();
        var entry = await _analyst.AddEntryAsync(list, new JsonObject { ["type"] = "person", ["name"] = $"Asif {word} Baloch" });
        var traveller = new JsonObject { ["key"] = "t", ["type"] = "person", ["name"] = $"Asif {word} Baloch", ["dateOfBirth"] = "1990-02-02", ["documentNumber"] = "PQ1112223" };
        var other = new JsonObject { ["key"] = "o", ["type"] = "person", ["name"] = $"Asif {word} Baloch", ["dateOfBirth"] = "1970-07-07", ["documentNumber"] = "PQ9998887" };
        var first = await _analyst.ScreenAsync(traveller.DeepClone().AsObject());
        Assert.True(Assert.Single(first.Result("t").Hits("watchlist"))["match"]!.GetValue<bool>());

        var byOfficer = await fixture.Officer.PostJsonAsync($"/api/screening/{first["decisionId"]}/suppressions", new JsonObject
        {
            ["subjectKey"] = "t", ["entryId"] = entry, ["reason"] = "Different person: passport checked", ["expiresAt"] = DateTimeOffset.UtcNow.AddDays(90),
        });
        var suppressed = await _analyst.PostJsonAsync($"/api/screening/{first["decisionId"]}/suppressions", new JsonObject
        {
            ["subjectKey"] = "t", ["entryId"] = entry, ["reason"] = "Different person: passport checked", ["expiresAt"] = DateTimeOffset.UtcNow.AddDays(90),
        });
        var later = await _analyst.ScreenAsync(traveller.DeepClone().AsObject(), other.DeepClone().AsObject());

        Assert.Equal(403, byOfficer.Status());
        Assert.Equal(201, suppressed.Status());
        var hit = Assert.Single(later.Result("t").Hits("watchlist"));
        Assert.False(hit["match"]!.GetValue<bool>());
        Assert.Equal("Different person: passport checked", hit["suppressed"]!["reason"]!.GetValue<string>());
        Assert.True(Assert.Single(later.Result("o").Hits("watchlist"))["match"]!.GetValue<bool>());
        var audit = await fixture.App.ClientAs("admin").GetStringAsync($"/api/admin/audit?date={DateTimeOffset.UtcNow:yyyy-MM-dd}&limit=1000");
        Assert.Contains("screening.suppress", audit, StringComparison.Ordinal);
    }
}
