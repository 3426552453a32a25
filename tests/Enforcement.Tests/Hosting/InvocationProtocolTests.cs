using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Enforcement.Functions.Events;
using Enforcement.Tests.Infrastructure;

namespace Enforcement.Tests.Hosting;

/// <summary>The app as the Functions host drives it: POST /{FunctionName} with Data and Metadata.</summary>
public sealed class InvocationProtocolTests(InvocationProtocolTests.HostDrivenApp fixture) : IClassFixture<InvocationProtocolTests.HostDrivenApp>
{
    /// <summary>Under the host, the app does not run its own triggers.</summary>
    public sealed class HostDrivenApp : AppFixture
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["LocalTriggers:Enabled"] = "false" };
    }

    private readonly HttpClient _client = fixture.Client;
    private readonly HttpClient _anonymous = fixture.App.Client();

    [Theory]
    [InlineData("plain")]
    [InlineData("double-encoded")]
    [InlineData("parsed")]
    public async Task AQueueInvocationRunsTheFunctionInEveryMessageForm(string form)
    {
        var office = "PKKHI-" + form.Replace("-", "", StringComparison.Ordinal).ToUpperInvariant()[..5];
        var id = (await (await _client.PostSeizureAsync(SeizureSamples.Valid(office: office, seizedAt: "2025-06-01T08:00:00Z"))).ReadObjectAsync())["id"]!.GetValue<string>();
        var message = JsonSerializer.Serialize(new RecordEvent(RecordEvent.IdFor(id, 1), RecordEventTypes.SeizureRecorded, id, 1, DateTimeOffset.UtcNow), EventJsonContext.Default.RecordEvent);
        JsonNode data = form switch
        {
            "plain" => JsonValue.Create(message),
            "double-encoded" => JsonValue.Create(JsonSerializer.Serialize(message)),
            _ => JsonNode.Parse(message)!,
        };

        var response = await Invoke("SeizureEvents", new JsonObject { ["message"] = data }, new JsonObject { ["DequeueCount"] = 1, ["Id"] = Guid.NewGuid().ToString() });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await response.ReadObjectAsync();
        Assert.True(reply.ContainsKey("Outputs"));
        Assert.True(reply.ContainsKey("Logs"));
        var listed = await (await _client.GetAsync($"/api/seizures?month=2025-06&office={office}")).ReadObjectAsync();
        Assert.Equal(id, Assert.Single(listed["items"]!.AsArray())!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task AFailingQueueInvocationRepliesWithAnErrorSoTheHostRetries()
    {
        var message = JsonSerializer.Serialize(new RecordEvent("SZ-202506-0000000000000000XX.v1", RecordEventTypes.SeizureRecorded, "SZ-202506-0000000000000000XX", 1, DateTimeOffset.UtcNow), EventJsonContext.Default.RecordEvent);

        var response = await Invoke("SeizureEvents", new JsonObject { ["message"] = message }, new JsonObject { ["DequeueCount"] = 2 });

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.NotEmpty((await response.ReadObjectAsync())["Logs"]!.AsArray());
    }

    [Fact]
    public async Task AnInvocationWithoutItsBindingDataIsRefused()
    {
        var response = await Invoke("SeizureEvents", new JsonObject { ["other"] = "x" }, new JsonObject());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task ATimerInvocationRunsTheOutboxRelay()
    {
        var timer = new JsonObject
        {
            ["Schedule"] = new JsonObject { ["AdjustForDST"] = true },
            ["ScheduleStatus"] = new JsonObject { ["Last"] = "2026-11-23T10:00:00Z", ["Next"] = "2026-11-23T10:01:00Z", ["LastUpdated"] = "2026-11-23T10:00:00Z" },
            ["IsPastDue"] = false,
        };

        var response = await Invoke("OutboxRelay", new JsonObject { ["timer"] = timer }, new JsonObject());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task HttpFunctionsAreNotInvocationEndpoints()
    {
        var response = await _client.PostAsync("/HttpApi", new StringContent("{\"Data\":{\"req\":\"x\"}}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private Task<HttpResponseMessage> Invoke(string function, JsonObject data, JsonObject metadata)
    {
        // The host calls without credentials, over loopback.
        var request = new HttpRequestMessage(HttpMethod.Post, "/" + function)
        {
            Content = new StringContent(new JsonObject { ["Data"] = data, ["Metadata"] = metadata }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
        return _anonymous.SendAsync(request);
    }
}
