using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Enforcement.Functions.Storage;
using Enforcement.Tests.Infrastructure;
using Enforcement.Tests.Persons;

namespace Enforcement.Tests.Cases;

public sealed class CustodyTests(CaseApp fixture) : IClassFixture<CaseApp>
{
    private readonly HttpClient _supervisor = fixture.Supervisor;

    internal static JsonObject Witness(string name = "Inspector Rana", bool signed = true) => new() { ["name"] = name, ["hasSigned"] = signed };

    internal static JsonObject Event(string type, string? from, string? to, string at, int witnesses = 1, JsonObject? more = null)
    {
        var body = new JsonObject
        {
            ["type"] = type,
            ["from"] = from,
            ["to"] = to,
            ["at"] = at,
            ["site"] = "Karachi customs warehouse",
            ["witnesses"] = new JsonArray([.. Enumerable.Range(0, witnesses).Select(i => (JsonNode)Witness($"Witness {i}"))]),
        };
        foreach (var (key, value) in more ?? [])
        {
            body[key] = value?.DeepClone();
        }

        return body;
    }

    internal static async Task<(string CaseId, string ExhibitId)> ExhibitAsync(HttpClient client)
    {
        var opened = await client.OpenCaseAsync();
        var seizure = (await client.ItemsAsync($"/api/cases/{opened.Id()}/links"))[0]!["targetId"]!.GetValue<string>();
        var response = await client.PostJsonAsync($"/api/cases/{opened.Id()}/exhibits", CaseSamples.ExhibitBody(seizure));
        var exhibit = await response.ReadObjectAsync();
        return response.StatusCode == HttpStatusCode.Created ? (opened.Id(), exhibit.Id()) : throw new InvalidOperationException($"{response.StatusCode} {exhibit}");
    }

    [Fact]
    public async Task AnExhibitOfADrugSeizureStartsWithASeizeAndFollowsItsCustodian()
    {
        var (_, exhibit) = await ExhibitAsync(_supervisor);

        var seized = await _supervisor.PostJsonAsync($"/api/exhibits/{exhibit}/custody", Event("seize", null, "officer-a", "2026-11-20T10:00:00Z"));
        var transferred = await _supervisor.PostJsonAsync($"/api/exhibits/{exhibit}/custody", Event("transfer", "officer-a", "store-keeper", "2026-11-20T12:00:00Z"));

        Assert.Equal(HttpStatusCode.Created, seized.StatusCode);
        Assert.Equal(HttpStatusCode.Created, transferred.StatusCode);
        var read = await (await _supervisor.GetAsync($"/api/exhibits/{exhibit}")).ReadObjectAsync();
        Assert.Equal("drugs", read["category"]!.GetValue<string>());
        Assert.Equal("store-keeper", read["custodian"]!.GetValue<string>());
        var chain = await (await _supervisor.GetAsync($"/api/exhibits/{exhibit}/custody")).ReadObjectAsync();
        Assert.Equal(2, chain["events"]!.AsArray().Count);
        Assert.Empty(chain["gaps"]!.AsArray());
        Assert.True(chain["hashesIntact"]!.GetValue<bool>());
    }

    [Fact]
    public async Task AnEventFromAnyoneButTheCurrentCustodianIsRefused()
    {
        var (_, exhibit) = await ExhibitAsync(_supervisor);
        await _supervisor.PostJsonAsync($"/api/exhibits/{exhibit}/custody", Event("seize", null, "officer-a", "2026-11-20T10:00:00Z"));

        var wrong = await _supervisor.PostJsonAsync($"/api/exhibits/{exhibit}/custody", Event("transfer", "officer-b", "store-keeper", "2026-11-20T12:00:00Z"));
        var seizedTwice = await _supervisor.PostJsonAsync($"/api/exhibits/{exhibit}/custody", Event("seize", null, "officer-b", "2026-11-20T12:00:00Z"));

        Assert.Equal(HttpStatusCode.Conflict, wrong.StatusCode);
        Assert.Equal("from", await wrong.ErrorFieldAsync());
        Assert.Equal(HttpStatusCode.Conflict, seizedTwice.StatusCode);
        Assert.Single((await (await _supervisor.GetAsync($"/api/exhibits/{exhibit}/custody")).ReadObjectAsync())["events"]!.AsArray());
    }

    [Fact]
    public async Task AnEventWithoutItsSignedWitnessesIsRefused()
    {
        var (_, exhibit) = await ExhibitAsync(_supervisor);

        var none = await _supervisor.PostJsonAsync($"/api/exhibits/{exhibit}/custody", Event("seize", null, "officer-a", "2026-11-20T10:00:00Z", witnesses: 0));
        var unsigned = Event("seize", null, "officer-a", $"{SeizureSamples.Month}-20T10:00:00Z", witnesses: 0);
        unsigned["witnesses"] = new JsonArray(Witness(signed: false));
        var notSigned = await _supervisor.PostJsonAsync($"/api/exhibits/{exhibit}/custody", unsigned);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, none.StatusCode);
        Assert.Equal("witnesses", await none.ErrorFieldAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notSigned.StatusCode);
        Assert.Empty((await (await _supervisor.GetAsync($"/api/exhibits/{exhibit}/custody")).ReadObjectAsync())["events"]!.AsArray());
    }

    [Theory]
    [InlineData("sealsApplied", "{\"type\":\"seal\",\"from\":\"officer-a\",\"at\":\"2026-11-20T11:00:00Z\",\"sealsApplied\":[\"\"],\"witnesses\":[{\"name\":\"W\",\"hasSigned\":true}]}")]
    [InlineData("sealsApplied", "{\"type\":\"seal\",\"from\":\"officer-a\",\"at\":\"2026-11-20T11:00:00Z\",\"witnesses\":[{\"name\":\"W\",\"hasSigned\":true}]}")]
    [InlineData("at", "{\"type\":\"check-out\",\"from\":\"officer-a\",\"to\":\"analyst\",\"at\":\"2099-01-01T00:00:00Z\"}")]
    [InlineData("to", "{\"type\":\"transfer\",\"from\":\"officer-a\",\"at\":\"2026-11-20T11:00:00Z\",\"witnesses\":[{\"name\":\"W\",\"hasSigned\":true}]}")]
    [InlineData("reason", "{\"type\":\"check-out\",\"from\":\"officer-a\",\"to\":\"x\",\"at\":\"2026-11-20T11:00:00Z\",\"reason\":\"{long}\"}")]
    [InlineData("type", "{\"type\":\"lost\",\"from\":\"officer-a\",\"at\":\"2026-11-20T11:00:00Z\"}")]
    public async Task BadCustodyInputNamesTheFieldAndStoresNothing(string field, string json)
    {
        var (_, exhibit) = await ExhibitAsync(_supervisor);
        await _supervisor.PostJsonAsync($"/api/exhibits/{exhibit}/custody", Event("seize", null, "officer-a", "2026-11-20T10:00:00Z"));

        var response = await _supervisor.PostAsync($"/api/exhibits/{exhibit}/custody",
            new StringContent(json.Replace("{long}", new string('x', 600), StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(field, await response.ErrorFieldAsync(), StringComparison.Ordinal);
        Assert.Single((await (await _supervisor.GetAsync($"/api/exhibits/{exhibit}/custody")).ReadObjectAsync())["events"]!.AsArray());
    }

    [Fact]
    public async Task NothingFollowsAReturn()
    {
        var (_, exhibit) = await ExhibitAsync(_supervisor);
        await _supervisor.PostJsonAsync($"/api/exhibits/{exhibit}/custody", Event("seize", null, "officer-a", "2026-11-20T10:00:00Z"));
        var returned = await _supervisor.PostJsonAsync($"/api/exhibits/{exhibit}/custody", Event("returned", "officer-a", "owner", "2026-11-21T10:00:00Z"));

        var after = await _supervisor.PostJsonAsync($"/api/exhibits/{exhibit}/custody", Event("check-out", "owner", "officer-a", "2026-11-22T10:00:00Z"));

        Assert.Equal(HttpStatusCode.Created, returned.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, after.StatusCode);
        Assert.Equal("type", await after.ErrorFieldAsync());
    }

    [Fact]
    public async Task GapsAreFoundInACraftedChain()
    {
        var (_, exhibit) = await ExhibitAsync(_supervisor);
        var path = $"/api/exhibits/{exhibit}/custody";
        await _supervisor.PostJsonAsync(path, Event("seize", null, "officer-a", $"{SeizureSamples.Month}-20T10:00:00Z"));
        await _supervisor.PostJsonAsync(path, Event("lab-submitted", "officer-a", null, $"{SeizureSamples.Month}-21T10:00:00Z", 0));
        await _supervisor.PostJsonAsync(path, Event("lab-result", null, "pcsir-lab", $"{SeizureSamples.Month}-23T10:00:00Z", 0));
        var backdated = await _supervisor.PostJsonAsync(path, Event("transfer", "pcsir-lab", "officer-b", $"{SeizureSamples.Month}-22T18:00:00Z"));

        var chain = await (await _supervisor.GetAsync(path)).ReadObjectAsync();

        Assert.Equal(HttpStatusCode.Created, backdated.StatusCode);
        var gaps = chain["gaps"]!.AsArray();
        Assert.Equal(2, gaps.Count);
        Assert.Equal("no-custodian", gaps[0]!["kind"]!.GetValue<string>());
        Assert.Equal(DateTimeOffset.Parse($"{SeizureSamples.Month}-21T10:00:00Z"), gaps[0]!["from"]!.GetValue<DateTimeOffset>());
        Assert.Equal(DateTimeOffset.Parse($"{SeizureSamples.Month}-23T10:00:00Z"), gaps[0]!["to"]!.GetValue<DateTimeOffset>());
        Assert.Equal("two-custodians", gaps[1]!["kind"]!.GetValue<string>());
        Assert.Equal(DateTimeOffset.Parse($"{SeizureSamples.Month}-22T18:00:00Z"), gaps[1]!["from"]!.GetValue<DateTimeOffset>());
        Assert.Equal(new[] { "pcsir-lab", "officer-b" }, gaps[1]!["custodians"]!.AsArray().Select(c => c!.GetValue<string>()));
    }

    [Fact]
    public async Task EveryCustodyEventIsAnAuditEntryCarryingItsHash()
    {
        var (caseId, exhibit) = await ExhibitAsync(_supervisor);

        var created = await (await _supervisor.PostJsonAsync($"/api/exhibits/{exhibit}/custody", Event("seize", null, "officer-a", "2026-11-20T10:00:00Z"))).ReadObjectAsync();

        var hash = created["hash"]!.GetValue<string>();
        var day = fixture.Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd");
        var entries = await fixture.App.Table(StorageNames.Tables.Audit).QueryAsync<TableEntity>(e => e.PartitionKey == day).ToListAsync();
        var entry = Assert.Single(entries, e => e.GetString("Operation") == "custody.seize" && e.GetString("Records")!.Contains(exhibit, StringComparison.Ordinal));
        Assert.Contains("sha256:" + hash, entry.GetString("Records"), StringComparison.Ordinal);
        Assert.Contains(caseId, entry.GetString("Records"), StringComparison.Ordinal);
        Assert.Contains(await _supervisor.ItemsAsync($"/api/cases/{caseId}/timeline"), t => t!["type"]!.GetValue<string>() == "custody.seize");
    }
}
