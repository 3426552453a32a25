using System.Net;
using System.Text.Json.Nodes;
using Enforcement.Functions.Storage;
using Enforcement.Tests.Communication;
using Enforcement.Tests.Infrastructure;

namespace Enforcement.Tests.Webhooks;

/// <summary>Handling enforced at the system's edge: only a non-nominal H0/H1 alert leaves as alert.published.</summary>
public sealed class AlertWebhookTests(WebhookFixture fixture) : IClassFixture<WebhookFixture>
{
    [Fact]
    public async Task H2AndH3AlertsNeverReachAWebhookReceiverWhileANonNominalH0AlertDoes()
    {
        var partner = fixture.Partner("partner-alerts");
        var subscription = await partner.SubscribedAsync(new { url = fixture.Receiver.UrlFor("alerts"), events = new[] { "alert.published" } });
        using var analyst = fixture.App.ClientAs("analyst", subject: "analyst-alerts");
        var named = new JsonObject { ["users"] = new JsonArray("officer-named") };

        var h2 = await analyst.PublishAsync(CommunicationSamples.Alert("No further dissemination", handling: "H2", nonNominal: true));
        var h3 = await analyst.PublishAsync(CommunicationSamples.Alert("Named recipients only", handling: "H3", audience: named, nonNominal: true));
        var h0 = await analyst.PublishAsync(CommunicationSamples.Alert("For partners", handling: "H0", nonNominal: true));

        Assert.Equal(HttpStatusCode.Created, h2.StatusCode);
        Assert.Equal(HttpStatusCode.Created, h3.StatusCode);
        Assert.Equal(HttpStatusCode.Created, h0.StatusCode);
        var h0Id = (await h0.ReadObjectAsync())["id"]!.GetValue<string>();
        var first = Assert.Single(await fixture.Receiver.WaitForAsync("alerts", 1));
        await fixture.App.QueuesDrainedAsync(StorageNames.Queues.SeizureEvents, StorageNames.Queues.WebhookDeliveries);
        var received = Assert.Single(fixture.Receiver.Received("alerts"));
        Assert.Equal(first.Id, received.Id);
        Assert.True(StandardWebhooksCheck.Verify(subscription.Text("secret"), received.Id, received.Timestamp, received.Signature, received.Body, DateTimeOffset.UtcNow));
        Assert.Equal("alert.published", received.Json.Text("type"));
        var data = received.Json["data"]!.AsObject();
        Assert.Equal(h0Id, data.Text("id"));
        Assert.Equal("H0", data.Text("handling"));
        Assert.DoesNotContain("Named recipients only", received.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("No further dissemination", received.Body, StringComparison.Ordinal);
    }
}
