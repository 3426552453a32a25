using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Enforcement.Functions.Storage;
using Enforcement.Tests.Infrastructure;
using Enforcement.Tests.Persons;

namespace Enforcement.Tests.Cases;

public sealed class CaseJournalAndAccessTests(CaseApp fixture) : IClassFixture<CaseApp>
{
    private readonly HttpClient _supervisor = fixture.Supervisor;

    [Fact]
    public async Task JournalEntriesCannotBeEditedOrDeletedAndCorrectionsReferToTheOldEntry()
    {
        var id = (await _supervisor.OpenCaseAsync(team: ["officer-9"])).Id();
        var colleague = fixture.As("officer", "PKLHE", "officer-9");
        var entry = (await (await _supervisor.PostJsonAsync($"/api/cases/{id}/journal",
            new JsonObject { ["kind"] = "interview", ["text"] = "Interviewed the driver at 14:00.", ["handlingCode"] = "H0" })).ReadObjectAsync()).Id();
        var patch = new StringContent("{\"text\":\"changed\"}", System.Text.Encoding.UTF8, "application/merge-patch+json");

        var othersPatch = await colleague.PatchAsync($"/api/cases/{id}/journal/{entry}", patch);
        var othersDelete = await colleague.DeleteAsync($"/api/cases/{id}/journal/{entry}");
        var ownDelete = await _supervisor.DeleteAsync($"/api/cases/{id}/journal/{entry}");
        var correction = await colleague.PostJsonAsync($"/api/cases/{id}/journal",
            new JsonObject { ["kind"] = "correction", ["text"] = "The interview was at 15:00.", ["handlingCode"] = "H0", ["corrects"] = entry });
        var correctsNothing = await colleague.PostJsonAsync($"/api/cases/{id}/journal",
            new JsonObject { ["kind"] = "correction", ["text"] = "x", ["handlingCode"] = "H0", ["corrects"] = "JE-01KAKJ6Q8X00000000" });
        var noHandling = await colleague.PostJsonAsync($"/api/cases/{id}/journal", new JsonObject { ["kind"] = "note", ["text"] = "x" });

        Assert.Equal(HttpStatusCode.Forbidden, othersPatch.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, othersDelete.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, ownDelete.StatusCode);
        Assert.Equal(HttpStatusCode.Created, correction.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, correctsNothing.StatusCode);
        Assert.Equal("corrects", await correctsNothing.ErrorFieldAsync());
        Assert.Equal("handlingCode", await noHandling.ErrorFieldAsync());
        var journal = await _supervisor.ItemsAsync($"/api/cases/{id}/journal");
        Assert.Equal(2, journal.Count);
        Assert.Equal("Interviewed the driver at 14:00.", journal[0]!["text"]!.GetValue<string>());
        Assert.Equal(entry, journal[1]!["corrects"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheRoleMatrixDecidesWhoSeesACaseAndEveryReadIsAudited()
    {
        var id = (await _supervisor.OpenCaseAsync(lead: "lead-1", team: ["member-1"])).Id();
        var path = $"/api/cases/{id}";
        var expectations = new (HttpClient Client, HttpStatusCode Read, string Who)[]
        {
            (fixture.As("officer", "PKKHI", "officer-khi"), HttpStatusCode.OK, "officer of the owning office"),
            (fixture.As("supervisor", "PKKHI", "sup-2"), HttpStatusCode.OK, "supervisor of the owning office"),
            (fixture.As("officer", "PKLHE", "member-1"), HttpStatusCode.OK, "named team member of another office"),
            (fixture.As("officer", "PKLHE", "lead-1"), HttpStatusCode.OK, "lead investigator"),
            (fixture.Analyst, HttpStatusCode.OK, "analyst"),
            (fixture.As("supervisor", "PKLHE", "sup-lhe"), HttpStatusCode.NotFound, "supervisor of another office"),
            (fixture.As("officer", "PKLHE", "officer-lhe"), HttpStatusCode.NotFound, "officer of another office"),
            (fixture.As("rilo", null, "rilo-1"), HttpStatusCode.Forbidden, "RILO"),
            (fixture.As("partner", null, "partner-1"), HttpStatusCode.Forbidden, "partner"),
            (fixture.As("admin", null, "admin-1"), HttpStatusCode.Forbidden, "admin"),
            (fixture.App.Client(), HttpStatusCode.Unauthorized, "anonymous"),
        };

        foreach (var (client, expected, who) in expectations)
        {
            Assert.True(expected == (await client.GetAsync(path)).StatusCode, who);
            Assert.True(expected == (await client.GetAsync($"{path}/timeline")).StatusCode, who + " (timeline)");
        }

        var officerOpens = await fixture.As("officer", "PKKHI", "officer-x").PostJsonAsync("/api/cases", CaseSamples.OpenBody(await _supervisor.RecordSeizureAsync()));
        var officerMovesStage = await fixture.As("officer", "PKKHI", "officer-khi").MoveStatusAsync(id, "in-progress");
        var leadMoves = await fixture.As("officer", "PKLHE", "lead-1").MoveStatusAsync(id, "in-progress");
        Assert.Equal(HttpStatusCode.Forbidden, officerOpens.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, officerMovesStage.StatusCode);
        Assert.Equal(HttpStatusCode.OK, leadMoves.StatusCode);

        var day = fixture.Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd");
        var reads = (await fixture.App.Table(StorageNames.Tables.Audit).QueryAsync<TableEntity>(e => e.PartitionKey == day).ToListAsync())
            .Where(e => e.GetString("Operation") == "case.read" && e.GetString("Records")!.Contains(id, StringComparison.Ordinal)).ToList();
        Assert.Equal(5, reads.Count(e => e.GetString("Outcome") == "read"));
        Assert.Equal(2, reads.Count(e => e.GetString("Outcome") == "out-of-scope"));
    }

    [Fact]
    public async Task ATimelinePageCostsTheSameStorageRequestsWithTenThousandEventsAsWithTen()
    {
        var small = (await _supervisor.OpenCaseAsync()).Id();
        var large = (await _supervisor.OpenCaseAsync()).Id();
        var table = fixture.App.Table(StorageNames.Tables.Cases);
        foreach (var (id, count) in new[] { (small, 10), (large, 10_000) })
        {
            // Crafted history: the rows a long-running case accumulates, written straight to its partition.
            var rows = Enumerable.Range(100, count).Select(v => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(id, $"t|{v:D10}")
            {
                ["Version"] = v, ["Type"] = "journal.added", ["At"] = DateTimeOffset.UtcNow, ["Actor"] = "officer", ["Summary"] = "Note", ["Detail"] = "{}",
            }));
            foreach (var chunk in rows.Chunk(100))
            {
                await table.SubmitTransactionAsync(chunk);
            }
        }

        var smallPage = await _supervisor.GetAsync($"/api/cases/{small}/timeline?limit=50");
        var largePage = await _supervisor.GetAsync($"/api/cases/{large}/timeline?limit=50");
        var largeLastPage = await _supervisor.GetAsync($"/api/cases/{large}/timeline?limit=50&continuationToken={(await largePage.ReadObjectAsync())["continuationToken"]}");

        Assert.Equal(HttpStatusCode.OK, largeLastPage.StatusCode);
        Assert.Equal(StorageRequests(smallPage), StorageRequests(largePage));
        Assert.Equal(StorageRequests(smallPage), StorageRequests(largeLastPage));
        Assert.Equal(50, (await largePage.ReadObjectAsync())["items"]!.AsArray().Count);
    }

    private static int StorageRequests(HttpResponseMessage response)
    {
        var timing = string.Join(",", response.Headers.GetValues("Server-Timing"));
        var match = System.Text.RegularExpressions.Regex.Match(timing, "storage;[^,]*desc=\"(\\d+) requests\"");
        Assert.True(match.Success, timing);
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
