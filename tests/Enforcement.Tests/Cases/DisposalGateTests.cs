using System.Net;
using System.Text.Json.Nodes;
using Enforcement.Tests.Infrastructure;

namespace Enforcement.Tests.Cases;

public sealed class DisposalGateTests(CaseApp fixture) : IClassFixture<CaseApp>
{
    private readonly HttpClient _supervisor = fixture.Supervisor;

    [Fact]
    public async Task DestructionWaitsForAdjudicationASampleNoHoldAndNoOpenProsecutionThenEndsTheChain()
    {
        var (caseId, exhibit) = await CustodyTests.ExhibitAsync(_supervisor);
        var path = $"/api/exhibits/{exhibit}/custody";
        var document = await _supervisor.UploadDocumentAsync(caseId, "Stage proof");
        var order = await _supervisor.UploadDocumentAsync(caseId, "Destruction order");
        var certificate = await _supervisor.UploadDocumentAsync(caseId, "Destruction certificate");
        var destroy = CustodyTests.Event("destroyed", "officer-a", null, "2026-11-25T10:00:00Z", 2,
            new JsonObject { ["orderDocumentId"] = order, ["certificateDocumentId"] = certificate, ["reason"] = "Order of the adjudicating officer" });
        await _supervisor.PostJsonAsync(path, CustodyTests.Event("seize", null, "officer-a", "2026-11-20T10:00:00Z"));

        var beforeAdjudication = await _supervisor.PostJsonAsync(path, destroy);
        foreach (var stage in new[] { "investigation-concluded", "show-cause-issued", "adjudicated" })
        {
            await _supervisor.MoveStageAsync(caseId, stage, document, "2026-11-22");
        }

        var withoutSample = await _supervisor.PostJsonAsync(path, destroy);
        await _supervisor.PostJsonAsync(path, CustodyTests.Event("sample", "officer-a", null, "2026-11-24T10:00:00Z"));
        await _supervisor.PutAsync($"/api/exhibits/{exhibit}/legal-hold", System.Net.Http.Json.JsonContent.Create(new JsonObject { ["hold"] = true, ["reason"] = "Appeal pending" }));
        var underHold = await _supervisor.PostJsonAsync(path, destroy);
        await _supervisor.PutAsync($"/api/exhibits/{exhibit}/legal-hold", System.Net.Http.Json.JsonContent.Create(new JsonObject { ["hold"] = false }));
        await _supervisor.MoveStageAsync(caseId, "prosecution", document, "2026-11-23");
        var duringProsecution = await _supervisor.PostJsonAsync(path, destroy);
        await _supervisor.MoveStageAsync(caseId, "court-decided", document, "2026-11-24");
        var oneWitness = CustodyTests.Event("destroyed", "officer-a", null, "2026-11-25T10:00:00Z", 1,
            new JsonObject { ["orderDocumentId"] = order, ["certificateDocumentId"] = certificate });
        var tooFewWitnesses = await _supervisor.PostJsonAsync(path, oneWitness);
        var noOrder = CustodyTests.Event("destroyed", "officer-a", null, "2026-11-25T10:00:00Z", 2, new JsonObject { ["certificateDocumentId"] = certificate });
        var withoutOrder = await _supervisor.PostJsonAsync(path, noOrder);
        var destroyed = await _supervisor.PostJsonAsync(path, destroy);
        var afterwards = await _supervisor.PostJsonAsync(path, CustodyTests.Event("check-out", null, "officer-a", "2026-11-25T12:00:00Z"));

        await AssertRefusedAsync(beforeAdjudication, "no adjudication");
        await AssertRefusedAsync(withoutSample, "No sample was retained");
        await AssertRefusedAsync(underHold, "legal hold");
        await AssertRefusedAsync(duringProsecution, "prosecution is open");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooFewWitnesses.StatusCode);
        Assert.Equal("witnesses", await tooFewWitnesses.ErrorFieldAsync());
        Assert.Equal(HttpStatusCode.BadRequest, withoutOrder.StatusCode);
        Assert.Equal("orderDocumentId", await withoutOrder.ErrorFieldAsync());
        Assert.Equal(HttpStatusCode.Created, destroyed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, afterwards.StatusCode);
        var exhibitState = await (await _supervisor.GetAsync($"/api/exhibits/{exhibit}")).ReadObjectAsync();
        Assert.Equal("destroyed", exhibitState["state"]!.GetValue<string>());
        Assert.Null(exhibitState["custodian"]);
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string reason)
    {
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains(reason, (await response.ReadObjectAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
