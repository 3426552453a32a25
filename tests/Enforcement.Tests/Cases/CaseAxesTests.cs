using System.Net;
using System.Text.Json.Nodes;
using Enforcement.Tests.Communication;
using Enforcement.Tests.Infrastructure;
using Enforcement.Tests.Persons;

namespace Enforcement.Tests.Cases;

public sealed class CaseAxesTests(CaseApp fixture) : IClassFixture<CaseApp>
{
    private static readonly Dictionary<string, string[]> StageMoves = new()
    {
        ["detected"] = ["seized"],
        ["seized"] = ["investigation-concluded"],
        ["investigation-concluded"] = ["show-cause-issued", "complaint-filed", "closed-without-action"],
        ["show-cause-issued"] = ["adjudicated"],
        ["complaint-filed"] = ["adjudicated", "prosecution"],
        ["closed-without-action"] = [],
        ["adjudicated"] = ["prosecution"],
        ["prosecution"] = ["court-decided"],
        ["court-decided"] = [],
    };

    private readonly HttpClient _supervisor = fixture.Supervisor;

    [Fact]
    public async Task OpeningFromAnAlertNeedsTheCallerInItsAudienceAndLinksItIntoTheTimeline()
    {
        var published = await fixture.Analyst.PublishAsync(CommunicationSamples.Alert(title: "Reefer floors, Karachi"));
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        var alertId = (await published.ReadObjectAsync()).Id();
        JsonObject FromAlert(string office) => new()
        {
            ["title"] = "Reefer floor concealments",
            ["owningOffice"] = office,
            ["alertIds"] = new JsonArray(alertId),
        };

        // Outside the alert's audience (Lahore) or an alert that does not exist: 422 naming the entry, nothing stored.
        var outside = await fixture.As("supervisor", "PKLHE", "sup-pklhe").PostJsonAsync("/api/cases", FromAlert("PKLHE"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, outside.StatusCode);
        Assert.Equal("alertIds[0]", await outside.ErrorFieldAsync());
        var unknown = FromAlert("PKKHI");
        unknown["alertIds"] = new JsonArray("AL-" + new string('0', 18));
        var missing = await _supervisor.PostJsonAsync("/api/cases", unknown);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.StatusCode);
        Assert.Equal("alertIds[0]", await missing.ErrorFieldAsync());
        var neither = FromAlert("PKKHI");
        neither.Remove("alertIds");
        Assert.Equal("seizureIds", await (await _supervisor.PostJsonAsync("/api/cases", neither)).ErrorFieldAsync());
        Assert.Empty(await fixture.Analyst.ItemsAsync($"/api/cases?record={alertId}"));

        // In the audience (Karachi): the case starts at "detected", with the alert linked and named in the timeline.
        var response = await _supervisor.PostJsonAsync("/api/cases", FromAlert("PKKHI"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadObjectAsync();
        var id = created.Id();
        Assert.Equal("detected", created["stage"]!.GetValue<string>());
        var link = Assert.Single(await _supervisor.ItemsAsync($"/api/cases/{id}/links"))!;
        Assert.Equal("alert", link["kind"]!.GetValue<string>());
        Assert.Equal(alertId, link["targetId"]!.GetValue<string>());
        var opening = (await _supervisor.ItemsAsync($"/api/cases/{id}/timeline"))[0]!;
        Assert.Equal("case.opened", opening["type"]!.GetValue<string>());
        Assert.Equal(alertId, opening["detail"]!["alertIds"]![0]!.GetValue<string>());
        Assert.Equal(id, Assert.Single(await fixture.Analyst.ItemsAsync($"/api/cases?record={alertId}"))!["id"]!.GetValue<string>());

        // From a seizure and an alert together: seized, both linked.
        var seizure = await _supervisor.RecordSeizureAsync();
        var both = FromAlert("PKKHI");
        both["seizureIds"] = new JsonArray(seizure);
        var mixed = await (await _supervisor.PostJsonAsync("/api/cases", both)).ReadObjectAsync();
        Assert.Equal("seized", mixed["stage"]!.GetValue<string>());
        Assert.Equal(["alert", "seizure"], (await _supervisor.ItemsAsync($"/api/cases/{mixed.Id()}/links")).Select(l => l!["kind"]!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task OpeningFromSeizuresStartsAtSeizedWithTheSeizureLinkedAndTheOpeningInTheTimeline()
    {
        var seizure = await _supervisor.RecordSeizureAsync();

        var response = await _supervisor.PostJsonAsync("/api/cases", CaseSamples.OpenBody(seizure, lead: "officer-7", team: ["officer-8"]));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadObjectAsync();
        Assert.Equal("new", created["status"]!.GetValue<string>());
        Assert.Equal("seized", created["stage"]!.GetValue<string>());
        Assert.Equal(["investigation-concluded"], created["allowedStages"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal("officer-7", created["leadInvestigator"]!.GetValue<string>());
        Assert.Equal(DateTimeOffset.Parse($"{SeizureSamples.Month}-20T09:30:00Z"), created["detectedAt"]!.GetValue<DateTimeOffset>());
        var links = await _supervisor.ItemsAsync($"/api/cases/{created.Id()}/links");
        Assert.Equal(seizure, Assert.Single(links)!["targetId"]!.GetValue<string>());
        var timeline = await _supervisor.ItemsAsync($"/api/cases/{created.Id()}/timeline");
        Assert.Equal(["case.opened", "assignment.changed"], timeline.Select(t => t!["type"]!.GetValue<string>()));
        var ofSeizure = await _supervisor.ItemsAsync($"/api/cases?record={seizure}");
        Assert.Equal(created.Id(), Assert.Single(ofSeizure)!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task ARecordCanBelongToSeveralCases()
    {
        var seizure = await _supervisor.RecordSeizureAsync();
        var first = await (await _supervisor.PostJsonAsync("/api/cases", CaseSamples.OpenBody(seizure))).ReadObjectAsync();

        var second = await (await _supervisor.PostJsonAsync("/api/cases", CaseSamples.OpenBody(seizure))).ReadObjectAsync();

        var cases = await _supervisor.ItemsAsync($"/api/cases?record={seizure}");
        Assert.Equal(new[] { first.Id(), second.Id() }.Order(), cases.Select(c => c!["id"]!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task EveryIllegalStatusTransitionIsRefusedNamingTheAllowedOnes()
    {
        var opened = await _supervisor.OpenCaseAsync();
        var id = opened.Id();
        var statuses = new[] { "new", "in-progress", "closed" };
        var moves = new Dictionary<string, string[]> { ["new"] = ["in-progress"], ["in-progress"] = ["closed"], ["closed"] = [] };

        foreach (var current in statuses)
        {
            foreach (var target in statuses.Where(s => !moves[current].Contains(s)))
            {
                var refused = await _supervisor.MoveStatusAsync(id, target, target == "closed" ? "duplicate" : null, target == "closed" ? "Same as another case." : null);

                Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
                var problem = await refused.ReadObjectAsync();
                Assert.Equal(moves[current], problem["allowed"]!.AsArray().Select(a => a!.GetValue<string>()));
                Assert.Equal("status", await refused.ErrorFieldAsync());
            }

            if (moves[current].Length > 0)
            {
                var next = moves[current][0];
                var moved = await _supervisor.MoveStatusAsync(id, next, next == "closed" ? "substantiated" : null, next == "closed" ? "Referred for adjudication." : null);
                Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
            }
        }

        var closed = await (await _supervisor.GetAsync($"/api/cases/{id}")).ReadObjectAsync();
        Assert.Equal("substantiated", closed["resolution"]!.GetValue<string>());
    }

    [Fact]
    public async Task ClosingNeedsAResolutionAndASummary()
    {
        var id = (await _supervisor.OpenCaseAsync()).Id();
        await _supervisor.MoveStatusAsync(id, "in-progress");

        var noResolution = await _supervisor.MoveStatusAsync(id, "closed", closingSummary: "Done.");
        var noSummary = await _supervisor.MoveStatusAsync(id, "closed", resolution: "duplicate");
        var badResolution = await _supervisor.MoveStatusAsync(id, "closed", "solved", "Done.");

        Assert.Equal(HttpStatusCode.BadRequest, noResolution.StatusCode);
        Assert.Equal("resolution", await noResolution.ErrorFieldAsync());
        Assert.Equal("closingSummary", await noSummary.ErrorFieldAsync());
        Assert.Equal("resolution", await badResolution.ErrorFieldAsync());
        Assert.Equal("in-progress", (await (await _supervisor.GetAsync($"/api/cases/{id}")).ReadObjectAsync())["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("investigation-concluded", "show-cause-issued", "adjudicated", "prosecution", "court-decided")]
    [InlineData("investigation-concluded", "complaint-filed", "prosecution")]
    [InlineData("investigation-concluded", "complaint-filed", "adjudicated")]
    [InlineData("investigation-concluded", "closed-without-action")]
    public async Task EveryIllegalStageTransitionIsRefusedNamingTheAllowedOnes(params string[] path)
    {
        var id = (await _supervisor.OpenCaseAsync()).Id();
        var document = await _supervisor.UploadDocumentAsync(id);
        var current = "seized";

        foreach (var next in path.Append(null))
        {
            foreach (var illegal in StageMoves.Keys.Where(s => !StageMoves[current].Contains(s)))
            {
                var refused = await _supervisor.MoveStageAsync(id, illegal, document);

                Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
                Assert.Equal(StageMoves[current], (await refused.ReadObjectAsync())["allowed"]!.AsArray().Select(a => a!.GetValue<string>()));
            }

            if (next is not null)
            {
                var moved = await _supervisor.MoveStageAsync(id, next, document);
                Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
                current = next;
            }
        }

        var final = await (await _supervisor.GetAsync($"/api/cases/{id}")).ReadObjectAsync();
        Assert.Equal(path[^1], final["stage"]!.GetValue<string>());
        Assert.Equal(["detected", "seized", .. path], final["stageHistory"]!.AsArray().Select(s => s!["stage"]!.GetValue<string>()));
        Assert.Equal(path.Length + 1, (await _supervisor.ItemsAsync($"/api/cases/{id}/timeline")).Count(t => t!["type"]!.GetValue<string>() is "stage.changed" or "document.added"));
    }

    [Fact]
    public async Task AStageChangeCarriesADocumentOfTheCaseStoredWithItsSha256AndItsDate()
    {
        var id = (await _supervisor.OpenCaseAsync()).Id();
        var other = (await _supervisor.OpenCaseAsync()).Id();
        var document = await _supervisor.UploadDocumentAsync(id, "Investigation report");
        var foreign = await _supervisor.UploadDocumentAsync(other);

        var unknown = await _supervisor.MoveStageAsync(id, "investigation-concluded", foreign);
        var future = await _supervisor.MoveStageAsync(id, "investigation-concluded", document, DateTimeOffset.UtcNow.AddDays(3).ToString("yyyy-MM-dd"));
        var beforeSeizure = await _supervisor.MoveStageAsync(id, "investigation-concluded", document, $"{SeizureSamples.Month}-01");
        var missing = await _supervisor.PostJsonAsync($"/api/cases/{id}/stage", new JsonObject { ["stage"] = "investigation-concluded", ["date"] = "2026-11-21" });
        var moved = await _supervisor.MoveStageAsync(id, "investigation-concluded", document, $"{SeizureSamples.Month}-22");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Equal("documentId", await unknown.ErrorFieldAsync());
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Equal("date", await future.ErrorFieldAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, beforeSeizure.StatusCode);
        Assert.Equal("date", await beforeSeizure.ErrorFieldAsync());
        Assert.Equal("documentId", await missing.ErrorFieldAsync());
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var step = (await moved.ReadObjectAsync())["stageHistory"]!.AsArray()[^1]!;
        Assert.Equal(document, step["documentId"]!.GetValue<string>());
        Assert.Equal(DateTimeOffset.Parse($"{SeizureSamples.Month}-22T00:00:00Z"), step["date"]!.GetValue<DateTimeOffset>());
        var stored = Assert.Single(await DocumentsAsync(id))!;
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(CaseSamples.Pdf)), stored["sha256"]!.GetValue<string>());
        var content = await _supervisor.GetByteArrayAsync($"/api/cases/{id}/documents/{document}/content");
        Assert.Equal(CaseSamples.Pdf, content);
    }

    [Fact]
    public async Task ADocumentOfTheWrongTypeIsRefusedNamingTheFieldAndNothingIsStored()
    {
        var id = (await _supervisor.OpenCaseAsync()).Id();

        var text = new StringContent("just text", System.Text.Encoding.UTF8, "text/plain");
        var wrongType = await _supervisor.PostAsync($"/api/cases/{id}/documents?title=Memo", text);
        var notAPdf = new ByteArrayContent("GIF89a"u8.ToArray());
        notAPdf.Headers.ContentType = new("application/pdf");
        var wrongBytes = await _supervisor.PostAsync($"/api/cases/{id}/documents?title=Memo", notAPdf);
        var pdf = new ByteArrayContent(CaseSamples.Pdf);
        pdf.Headers.ContentType = new("application/pdf");
        var noTitle = await _supervisor.PostAsync($"/api/cases/{id}/documents", pdf);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
        Assert.Equal("application/problem+json", wrongType.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, wrongBytes.StatusCode);
        Assert.Equal("body", await wrongBytes.ErrorFieldAsync());
        Assert.Equal("title", await noTitle.ErrorFieldAsync());
        Assert.Empty(await DocumentsAsync(id));
    }

    [Fact]
    public async Task BadInputWhenOpeningNamesTheFieldAndStoresNothing()
    {
        var seizure = await _supervisor.RecordSeizureAsync();
        var unknown = CaseSamples.OpenBody("SZ-202611-01KAKJ6Q8X0000000000");
        var longTitle = CaseSamples.OpenBody(seizure);
        longTitle["title"] = new string('x', 201);
        var badTeam = CaseSamples.OpenBody(seizure, team: [""]);
        var badPriority = CaseSamples.OpenBody(seizure);
        badPriority["priority"] = "urgent";

        var responses = new[]
        {
            (await _supervisor.PostJsonAsync("/api/cases", unknown), "seizureIds[0]"),
            (await _supervisor.PostJsonAsync("/api/cases", longTitle), "title"),
            (await _supervisor.PostJsonAsync("/api/cases", badTeam), "team[0]"),
            (await _supervisor.PostJsonAsync("/api/cases", badPriority), "priority"),
        };

        foreach (var (response, field) in responses)
        {
            Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity, $"{field}: {response.StatusCode}");
            Assert.Equal(field, await response.ErrorFieldAsync());
        }

        Assert.Empty(await _supervisor.ItemsAsync($"/api/cases?record={seizure}"));
    }

    private async Task<JsonArray> DocumentsAsync(string id) =>
        JsonNode.Parse(await _supervisor.GetStringAsync($"/api/cases/{id}/documents"))!["items"]!.AsArray();
}
