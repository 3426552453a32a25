using System.Net;
using System.Text.Json.Nodes;
using Azure.Storage.Queues.Models;
using Enforcement.Functions.Inbox;
using Enforcement.Functions.Storage;
using Enforcement.Tests.Infrastructure;

namespace Enforcement.Tests.Communication;

/// <summary>Escalation messages come back after at most a second (Inbox:MaxMessageDelay), so the chain runs through
/// the queue and its local listener as in the host, while the test moves the clock past each window.</summary>
public sealed class EscalationFixture : CommunicationFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Inbox:MaxMessageDelay"] = "00:00:01" };
}

/// <summary>The only test on its app: the queue must drain when the chain ends, so no other chain may share it.</summary>
public sealed class EscalationTests(EscalationFixture fixture) : IClassFixture<EscalationFixture>
{
    [Fact]
    public async Task AnUnacknowledgedUrgentAlertIsEscalatedToTheOfficesSupervisorsAfterEachWindowUntilAcknowledged()
    {
        var publisher = fixture.As("supervisor", "PKQCT", "supervisor-publisher");
        var supervisor = fixture.As("supervisor", "PKQCT", "supervisor-qct");
        var recipient = fixture.As("officer", "PKHYD", "officer-hyd");
        var alert = CommunicationSamples.Alert("urgent", audience: new JsonObject { ["offices"] = new JsonArray("PKHYD") }, priority: "urgent", requestAck: true);
        var id = (await (await publisher.PublishAsync(alert)).ReadObjectAsync())["id"]!.GetValue<string>();

        // Before the window a round that comes back early is put back, and tells no one.
        var early = Escalations.Serialize(new EscalationRequest("alert", id, "PKQCT", 1, fixture.Clock.GetUtcNow().AddMinutes(15), 900));
        var earlyOutcome = await fixture.App.InvokeQueueFunctionAsync("Escalations", early);
        var beforeWindow = await Notices(supervisor);

        fixture.Clock.Advance(TimeSpan.FromMinutes(16));
        var afterWindow = await CommunicationSamples.EventuallyAsync(() => Notices(supervisor), notices => notices.Count > 0);

        // A redelivered round-1 message adds no second notice.
        var first = Escalations.Serialize(new EscalationRequest("alert", id, "PKQCT", 1, fixture.Clock.GetUtcNow().AddMinutes(-1), 900));
        var repeated = await fixture.App.InvokeQueueFunctionAsync("Escalations", first);

        // Acknowledged before the second window: when round 2 falls due the chain ends, and the queue empties.
        var acknowledged = await recipient.PostAsync($"/api/alerts/{id}/ack", null);
        fixture.Clock.Advance(TimeSpan.FromMinutes(15));
        await fixture.App.QueuesDrainedAsync(StorageNames.Queues.Escalations);

        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        Assert.True(earlyOutcome.Succeeded && repeated.Succeeded);
        Assert.Empty(beforeWindow);
        Assert.Single(afterWindow);
        Assert.Contains(id, afterWindow[0], StringComparison.Ordinal);
        Assert.Single(await Notices(supervisor));
    }

    private static async Task<List<string>> Notices(HttpClient supervisor)
    {
        var page = await (await supervisor.GetAsync("/api/inbox")).ReadObjectAsync();
        return page["items"]!.AsArray().Where(i => i!["kind"]!.GetValue<string>() == "notice").Select(i => i!["notice"]!["text"]!.GetValue<string>()).ToList();
    }
}
