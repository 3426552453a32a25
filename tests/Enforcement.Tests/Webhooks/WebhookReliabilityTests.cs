using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Enforcement.Functions.Events;
using Enforcement.Functions.Storage;
using Enforcement.Functions.Webhooks;
using Enforcement.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Enforcement.Tests.Webhooks;

/// <summary>At-least-once plumbing: repeated events and messages send nothing twice; a subscription that keeps
/// failing is disabled, and says why.</summary>
public sealed class WebhookReliabilityTests(WebhookReliabilityTests.ShortFuseFixture fixture) : IClassFixture<WebhookReliabilityTests.ShortFuseFixture>
{
    /// <summary>Five attempts one or two seconds apart; the disable window stays an hour, crossed by moving the app's clock.</summary>
    public sealed class ShortFuseFixture : WebhookFixture
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Webhooks:AllowPrivateNetworkTargets"] = "true",
            ["Webhooks:RetrySchedule:0"] = "00:00:00",
            ["Webhooks:RetrySchedule:1"] = "00:00:01",
            ["Webhooks:RetrySchedule:2"] = "00:00:02",
            ["Webhooks:RetrySchedule:3"] = "00:00:02",
            ["Webhooks:RetrySchedule:4"] = "00:00:02",
            ["Webhooks:RetryJitter"] = "0",
            ["Webhooks:DisableAfterFailingFor"] = "01:00:00",
        };
    }

    [Fact]
    public async Task ASubscriptionFailingLongerThanTheLimitIsDisabledAndItsOwnerSeesWhy()
    {
        fixture.Receiver.Respond("always-down", 503);
        var partner = fixture.Partner("partner-down");
        var subscription = await partner.SubscribedAsync(new { url = fixture.Receiver.UrlFor("always-down"), events = new[] { "webhook.ping" } });

        var deliveryId = (await (await partner.PingAsync(subscription.Id())).ReadObjectAsync()).Text("deliveryId");

        // The first failure starts the failure clock; an hour later (the app's clock) the next failure disables the subscription.
        var failing = await SeizureSamples.EventuallyAsync(() => partner.SubscriptionAsync(subscription.Id()), s => s["failingSince"] is not null);
        fixture.App.Clock.Advance(TimeSpan.FromHours(1));
        var delivery = await partner.DeliveryWhenAsync(subscription.Id(), deliveryId, "dead-letter");
        Assert.Equal("active", failing.Text("status"));
        Assert.InRange(delivery["attempts"]!.GetValue<int>(), 2, 5);
        Assert.Contains("disabled", delivery.Text("lastError"), StringComparison.Ordinal);
        var disabled = await partner.SubscriptionAsync(subscription.Id());
        Assert.Equal("disabled", disabled.Text("status"));
        Assert.StartsWith("Deliveries failed continuously from", disabled.Text("disabledReason"), StringComparison.Ordinal);
        Assert.NotNull(disabled["disabledAt"]);

        var enabled = await (await partner.PatchSubscriptionAsync(subscription.Id(), new JsonObject { ["active"] = true })).ReadObjectAsync();

        Assert.Equal("active", enabled.Text("status"));
        Assert.Null(enabled["failingSince"]);
        Assert.Null(enabled["disabledReason"]);
    }

    [Fact]
    public async Task TheSameEventHandledTwiceIsDeliveredOnce()
    {
        var partner = fixture.Partner("partner-twice");
        var subscription = await partner.SubscribedAsync(new { url = fixture.Receiver.UrlFor("twice"), events = new[] { "feed.published" } });
        var fanOut = fixture.App.Services.GetServices<IRecordEventHandler>().OfType<WebhookFanOut>().Single();
        var published = new RecordEvent("FD-2026-11-AP.v1", RecordEventTypes.FeedPublished, "FD-2026-11-AP", 1, DateTimeOffset.UtcNow);

        await Task.WhenAll(fanOut.HandleAsync(published, CancellationToken.None), fanOut.HandleAsync(published, CancellationToken.None));
        await fanOut.HandleAsync(published, CancellationToken.None);

        var received = Assert.Single(await fixture.Receiver.WaitForAsync("twice", 1));
        await fixture.App.QueuesDrainedAsync(StorageNames.Queues.WebhookDeliveries);
        Assert.Single(fixture.Receiver.Received("twice"));
        Assert.Equal("feed.published", received.Json.Text("type"));
        Assert.Equal("FD-2026-11-AP", received.Json["data"]!["id"]!.GetValue<string>());
        Assert.True(StandardWebhooksCheck.Verify(subscription.Text("secret"), received.Id, received.Timestamp, received.Signature, received.Body, DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task AStaleOrDuplicateDeliveryMessageFromTheHostSendsNothing()
    {
        var partner = fixture.Partner("partner-duplicates");
        var subscription = await partner.SubscribedAsync(new { url = fixture.Receiver.UrlFor("duplicates"), events = new[] { "webhook.ping" } });
        var deliveryId = (await (await partner.PingAsync(subscription.Id())).ReadObjectAsync()).Text("deliveryId");
        await partner.DeliveryWhenAsync(subscription.Id(), deliveryId, "succeeded");
        var stale = await fixture.App.InvokeQueueFunctionAsync("WebhookDelivery", Message(subscription.Id(), deliveryId, attempts: 0), dequeueCount: 1);
        var current = await fixture.App.InvokeQueueFunctionAsync("WebhookDelivery", Message(subscription.Id(), deliveryId, attempts: 1), dequeueCount: 1);
        var retried = await fixture.App.InvokeQueueFunctionAsync("WebhookDelivery", Message(subscription.Id(), deliveryId, attempts: 1), dequeueCount: 3);
        var unknown = await fixture.App.InvokeQueueFunctionAsync("WebhookDelivery", Message(subscription.Id(), "msg_00000000000000000000", attempts: 0), dequeueCount: 1);

        Assert.All(new[] { stale, current, retried, unknown }, r => Assert.True(r.Succeeded, r.ToString()));
        await fixture.App.QueuesDrainedAsync(StorageNames.Queues.WebhookDeliveries);
        Assert.Single(fixture.Receiver.Received("duplicates"));
        Assert.Equal(1, (await partner.DeliveryAsync(subscription.Id(), deliveryId))["attempts"]!.GetValue<int>());
    }

    /// <summary>A delivery message as the fan-out writes it, with a token of its own.</summary>
    private static string Message(string subscriptionId, string deliveryId, int attempts)
    {
        var message = new JsonObject
        {
            ["owner"] = "partner-duplicates",
            ["subscriptionId"] = subscriptionId,
            ["deliveryId"] = deliveryId,
            ["attempts"] = attempts,
            ["token"] = Guid.NewGuid().ToString("N"),
        };
        return message.ToJsonString();
    }
}
