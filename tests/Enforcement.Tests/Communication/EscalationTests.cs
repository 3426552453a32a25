using System.Net;
using System.Text.Json.Nodes;
using Azure.Storage.Queues.Models;
using Enforcement.Functions.Inbox;
using Enforcement.Functions.Storage;
using Enforcement.Tests.Infrastructure;

namespace Enforcement.Tests.Communication;

public sealed class EscalationTests(CommunicationFixture fixture) : IClassFixture<CommunicationFixture>
{
    [Fact]
    public async Task AnUnacknowledgedUrgentAlertIsEscalatedToTheOfficesSupervisorsAfterEachWindowUntilAcknowledged()
    {
        var publisher = fixture.As("supervisor", "PKQCT", "supervisor-publisher");
        var supervisor = fixture.As("supervisor", "PKQCT", "supervisor-qct");
        var recipient = fixture.As("officer", "PKHYD", "officer-hyd");
        var alert = CommunicationSamples.Alert("urgent", audience: new JsonObject { ["offices"] = new JsonArray("PKHYD") }, priority: "urgent", requestAck: true);
        var id = (await (await publisher.PublishAsync(alert)).ReadObjectAsync())["id"]!.GetValue<string>();
        var queue = fixture.App.Queue(StorageNames.Queues.Escalations);
        Assert.Empty((await queue.PeekMessagesAsync(32)).Value);
        var first = Escalations.Serialize(new EscalationRequest("alert", id, "PKQCT", 1, fixture.Clock.GetUtcNow().AddMinutes(15), 900));

        var early = await fixture.App.InvokeQueueFunctionAsync("Escalations", first);
        var beforeWindow = await Notices(supervisor);
        fixture.Clock.Advance(TimeSpan.FromMinutes(16));
        var due = await fixture.App.InvokeQueueFunctionAsync("Escalations", first);
        var repeated = await fixture.App.InvokeQueueFunctionAsync("Escalations", first);
        var afterWindow = await Notices(supervisor);
        await recipient.PostAsync($"/api/alerts/{id}/ack", null);
        fixture.Clock.Advance(TimeSpan.FromMinutes(15));
        var second = Escalations.Serialize(new EscalationRequest("alert", id, "PKQCT", 2, fixture.Clock.GetUtcNow().AddMinutes(-1), 900));
        var afterAck = await fixture.App.InvokeQueueFunctionAsync("Escalations", second);

        Assert.True(early.Succeeded && due.Succeeded && repeated.Succeeded && afterAck.Succeeded);
        Assert.Empty(beforeWindow);
        Assert.Single(afterWindow);
        Assert.Contains(id, afterWindow[0], StringComparison.Ordinal);
        Assert.Single(await Notices(supervisor));
    }

    [Fact]
    public async Task PublishingAnUrgentAlertThatAsksForAcknowledgementQueuesAHiddenEscalation()
    {
        var publisher = fixture.As("supervisor", "PKSIA", "supervisor-sia");
        var queue = fixture.App.Queue(StorageNames.Queues.Escalations);
        QueueProperties before = await queue.GetPropertiesAsync();

        var response = await publisher.PublishAsync(CommunicationSamples.Alert("urgent hidden", priority: "urgent", requestAck: true));
        QueueProperties after = await queue.GetPropertiesAsync();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.True(after.ApproximateMessagesCount > before.ApproximateMessagesCount);
        Assert.DoesNotContain((await queue.PeekMessagesAsync(32)).Value, m => m.Body.ToString().Contains("urgent hidden", StringComparison.Ordinal));
    }

    private static async Task<List<string>> Notices(HttpClient supervisor)
    {
        var page = await (await supervisor.GetAsync("/api/inbox")).ReadObjectAsync();
        return page["items"]!.AsArray().Where(i => i!["kind"]!.GetValue<string>() == "notice").Select(i => i!["notice"]!["text"]!.GetValue<string>()).ToList();
    }
}
