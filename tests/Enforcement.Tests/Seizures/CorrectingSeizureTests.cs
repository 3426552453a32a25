using System.Net;
using System.Text.Json.Nodes;
using Enforcement.Tests.Infrastructure;

namespace Enforcement.Tests.Seizures;

public sealed class CorrectingSeizureTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly HttpClient _client = fixture.Client;

    private async Task<string> RecordAsync() =>
        (await (await _client.PostSeizureAsync(SeizureSamples.Valid())).ReadObjectAsync())["id"]!.GetValue<string>();

    [Fact]
    public async Task AMergePatchWithTheCurrentETagUpdatesTheRecordAndItsETag()
    {
        var id = await RecordAsync();

        var response = await _client.PatchSeizureAsync(id, new JsonObject { ["detectionMethod"] = "canine", ["narrative"] = null }, "\"1\"");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"2\"", response.Headers.ETag!.Tag);
        var body = await response.ReadObjectAsync();
        Assert.Equal("canine", body["detectionMethod"]!.GetValue<string>());
        Assert.False(body.ContainsKey("narrative"));
        Assert.Equal("PKKHI-APFT", body["office"]!.GetValue<string>());
        var reread = await (await _client.GetAsync($"/api/seizures/{id}")).ReadObjectAsync();
        Assert.Equal(2, reread["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task PatchingWithoutIfMatchIsPreconditionRequired()
    {
        var id = await RecordAsync();

        var response = await _client.PatchSeizureAsync(id, new JsonObject { ["detectionMethod"] = "canine" }, ifMatch: null);

        Assert.Equal((HttpStatusCode)428, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task PatchingWithAStaleETagIsPreconditionFailed()
    {
        var id = await RecordAsync();
        await _client.PatchSeizureAsync(id, new JsonObject { ["detectionMethod"] = "canine" }, "\"1\"");

        var response = await _client.PatchSeizureAsync(id, new JsonObject { ["detectionMethod"] = "intelligence" }, "\"1\"");

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        var current = await (await _client.GetAsync($"/api/seizures/{id}")).ReadObjectAsync();
        Assert.Equal("canine", current["detectionMethod"]!.GetValue<string>());
    }

    [Fact]
    public async Task ConcurrentWritersWithTheSameETagLeaveExactlyOneWinnerAndLoseNoUpdate()
    {
        var id = await RecordAsync();
        var methods = new[] { "canine", "intelligence", "random-check", "document-check", "risk-profiling", "physical-examination" };

        var responses = await Task.WhenAll(methods.Select(m => _client.PatchSeizureAsync(id, new JsonObject { ["detectionMethod"] = m }, "\"1\"")));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.PreconditionFailed, r.StatusCode));
        var winner = await responses.Single(r => r.StatusCode == HttpStatusCode.OK).ReadObjectAsync();
        var current = await (await _client.GetAsync($"/api/seizures/{id}")).ReadObjectAsync();
        Assert.Equal(winner["detectionMethod"]!.GetValue<string>(), current["detectionMethod"]!.GetValue<string>());
        Assert.Equal(2, current["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task AnInvalidPatchNamesTheFieldAndChangesNothing()
    {
        var id = await RecordAsync();

        var response = await _client.PatchSeizureAsync(id, new JsonObject { ["conveyance"] = new JsonObject { ["containerNumbers"] = new JsonArray("ABCU1234567") } }, "\"1\"");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadObjectAsync())["errors"]!.AsObject().ContainsKey("conveyance.containerNumbers[0]"));
        Assert.Equal("\"1\"", (await _client.GetAsync($"/api/seizures/{id}")).Headers.ETag!.Tag);
    }

    [Fact]
    public async Task ServerFieldsCannotBePatched()
    {
        var id = await RecordAsync();

        var response = await _client.PatchSeizureAsync(id, new JsonObject { ["id"] = "SZ-202611-00000000000000000" }, "\"1\"");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadObjectAsync())["errors"]!.AsObject().ContainsKey("id"));
    }

    [Fact]
    public async Task MovingASeizureToAnotherMonthIsUnprocessable()
    {
        var id = await RecordAsync();

        var response = await _client.PatchSeizureAsync(id, new JsonObject { ["seizedAt"] = SeizureSamples.On(SeizureSamples.PreviousMonth, 28, "23:00") }, "\"1\"");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.True((await response.ReadObjectAsync())["errors"]!.AsObject().ContainsKey("seizedAt"));
    }

    [Fact]
    public async Task PatchingWithPlainJsonIsUnsupported()
    {
        var id = await RecordAsync();
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/seizures/{id}") { Content = System.Net.Http.Json.JsonContent.Create(new { detectionMethod = "canine" }) };
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task EveryVersionIsKeptInTheHistory()
    {
        var id = await RecordAsync();
        await _client.PatchSeizureAsync(id, new JsonObject { ["detectionMethod"] = "canine" }, "\"1\"");

        var history = JsonNode.Parse(await _client.GetStringAsync($"/api/seizures/{id}/history"))!.AsArray();

        Assert.Equal(2, history.Count);
        Assert.Equal("seizure.recorded", history[0]!["type"]!.GetValue<string>());
        Assert.Equal("nii-scan", history[0]!["facts"]!["detectionMethod"]!.GetValue<string>());
        Assert.Equal("seizure.updated", history[1]!["type"]!.GetValue<string>());
        Assert.Equal("canine", history[1]!["facts"]!["detectionMethod"]!.GetValue<string>());
    }
}
