using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Enforcement.Functions.Storage;
using Enforcement.Tests.Infrastructure;

namespace Enforcement.Tests.Webhooks;

/// <summary>Deliveries to a real receiver on 127.0.0.1 that checks every signature with its own Standard Webhooks code.</summary>
public sealed class WebhookDeliveryTests(WebhookFixture fixture) : IClassFixture<WebhookFixture>
{
    private TestReceiver Receiver => fixture.Receiver;

    [Fact]
    public async Task APingIsDeliveredSignedTheStandardWebhooksWay()
    {
        var partner = fixture.Partner("partner-ping");
        var subscription = await partner.SubscribedAsync(new { url = Receiver.UrlFor("ping"), events = new[] { "webhook.ping" } });

        var ping = await partner.PingAsync(subscription.Id());

        Assert.Equal(HttpStatusCode.Accepted, ping.StatusCode);
        var deliveryId = (await ping.ReadObjectAsync()).Text("deliveryId");
        var received = Assert.Single(await Receiver.WaitForAsync("ping", 1));
        Assert.Equal(deliveryId, received.Id);
        Assert.StartsWith("application/json", received.ContentType, StringComparison.Ordinal);
        Assert.True(StandardWebhooksCheck.Verify(subscription.Text("secret"), received.Id, received.Timestamp, received.Signature, received.Body, DateTimeOffset.UtcNow));
        Assert.False(StandardWebhooksCheck.Verify(subscription.Text("secret"), received.Id, received.Timestamp, received.Signature, received.Body + " ", DateTimeOffset.UtcNow));
        var envelope = received.Json;
        Assert.Equal(deliveryId, envelope.Text("id"));
        Assert.Equal("webhook.ping", envelope.Text("type"));
        Assert.True(DateTimeOffset.TryParse(envelope.Text("timestamp"), System.Globalization.CultureInfo.InvariantCulture, out _));
        Assert.Equal(subscription.Id(), envelope["data"]!["subscriptionId"]!.GetValue<string>());
        var delivery = await partner.DeliveryWhenAsync(subscription.Id(), deliveryId, "succeeded");
        Assert.Equal(1, delivery["attempts"]!.GetValue<int>());
        Assert.Equal(204, delivery["lastStatusCode"]!.GetValue<int>());
        Assert.NotNull(delivery["lastDurationMs"]);
        Assert.Equal(204, Assert.Single(delivery["attemptLog"]!.AsArray())!["statusCode"]!.GetValue<int>());
    }

    [Fact]
    public async Task AFailingEndpointIsRetriedAlongTheScheduleThroughTheQueueUntilItSucceeds()
    {
        Receiver.Respond("retry", 500, 503, 200);
        var partner = fixture.Partner("partner-retry");
        var subscription = await partner.SubscribedAsync(new { url = Receiver.UrlFor("retry"), events = new[] { "webhook.ping" } });

        var deliveryId = (await (await partner.PingAsync(subscription.Id())).ReadObjectAsync()).Text("deliveryId");

        var received = await Receiver.WaitForAsync("retry", 3);
        Assert.All(received, r => Assert.Equal(deliveryId, r.Id));
        Assert.All(received, r => Assert.True(StandardWebhooksCheck.Verify(subscription.Text("secret"), r.Id, r.Timestamp, r.Signature, r.Body, DateTimeOffset.UtcNow)));
        Assert.Equal(received[0].Body, received[2].Body);
        // 1 s each by the schedule; a host-level retry (host.json visibilityTimeout) would wait 10 s.
        Assert.InRange((received[1].At - received[0].At).TotalSeconds, 0.9, 5);
        Assert.InRange((received[2].At - received[1].At).TotalSeconds, 0.9, 5);
        var delivery = await partner.DeliveryWhenAsync(subscription.Id(), deliveryId, "succeeded");
        Assert.Equal(3, delivery["attempts"]!.GetValue<int>());
        Assert.Equal(new[] { 500, 503, 200 }, delivery["attemptLog"]!.AsArray().Select(a => a!["statusCode"]!.GetValue<int>()));
        Assert.Null((await partner.SubscriptionAsync(subscription.Id()))["failingSince"]);
    }

    [Fact]
    public async Task AnEndpointThatAnswersGoneDisablesTheSubscriptionAtOnce()
    {
        Receiver.Respond("gone", 410, 204);
        var partner = fixture.Partner("partner-gone");
        var subscription = await partner.SubscribedAsync(new { url = Receiver.UrlFor("gone"), events = new[] { "webhook.ping" } });

        var deliveryId = (await (await partner.PingAsync(subscription.Id())).ReadObjectAsync()).Text("deliveryId");

        var delivery = await partner.DeliveryWhenAsync(subscription.Id(), deliveryId, "dead-letter");
        Assert.Equal(1, delivery["attempts"]!.GetValue<int>());
        Assert.Equal(410, delivery["lastStatusCode"]!.GetValue<int>());
        var disabled = await partner.SubscriptionAsync(subscription.Id());
        Assert.Equal("disabled", disabled.Text("status"));
        Assert.Contains("410", disabled.Text("disabledReason"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await partner.PingAsync(subscription.Id())).StatusCode);
        await fixture.App.QueuesDrainedAsync(StorageNames.Queues.WebhookDeliveries);
        Assert.Single(Receiver.Received("gone"));

        var enabled = await partner.PatchSubscriptionAsync(subscription.Id(), new JsonObject { ["active"] = true });

        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        var active = await enabled.ReadObjectAsync();
        Assert.Equal("active", active.Text("status"));
        Assert.Null(active["disabledReason"]);
        Assert.Equal(HttpStatusCode.Accepted, (await partner.PingAsync(subscription.Id())).StatusCode);
        await Receiver.WaitForAsync("gone", 2);
    }

    [Fact]
    public async Task ADeliveryThatNeverSucceedsIsDeadLetteredKeptAndCanBeRedeliveredWithTheSameWebhookId()
    {
        Receiver.Respond("dead", 500, 500, 500, 200);
        var partner = fixture.Partner("partner-dead");
        var subscription = await partner.SubscribedAsync(new { url = Receiver.UrlFor("dead"), events = new[] { "webhook.ping" } });
        var deliveryId = (await (await partner.PingAsync(subscription.Id())).ReadObjectAsync()).Text("deliveryId");

        var dead = await partner.DeliveryWhenAsync(subscription.Id(), deliveryId, "dead-letter");

        Assert.Equal(3, dead["attempts"]!.GetValue<int>());
        Assert.True(dead["deadLettered"]!.GetValue<bool>());
        Assert.Null(dead["nextAttemptAt"]);
        Assert.Equal(500, dead["lastStatusCode"]!.GetValue<int>());
        Assert.NotNull((await partner.SubscriptionAsync(subscription.Id()))["failingSince"]);
        var log = await (await partner.GetAsync($"{WebhookRequests.Path}/{subscription.Id()}/deliveries")).ReadObjectAsync();
        Assert.Contains(log["items"]!.AsArray(), d => d!["id"]!.GetValue<string>() == deliveryId && d["status"]!.GetValue<string>() == "dead-letter");
        await fixture.App.QueuesDrainedAsync(StorageNames.Queues.WebhookDeliveries);
        Assert.Equal(3, Receiver.Received("dead").Count);

        var redeliver = await partner.PostAsync($"{WebhookRequests.Path}/{subscription.Id()}/deliveries/{deliveryId}/redeliver", null);

        Assert.Equal(HttpStatusCode.Accepted, redeliver.StatusCode);
        var delivered = await partner.DeliveryWhenAsync(subscription.Id(), deliveryId, "succeeded");
        Assert.Equal(4, delivered["attempts"]!.GetValue<int>());
        Assert.Equal(1, delivered["redeliveries"]!.GetValue<int>());
        Assert.False(delivered["deadLettered"]!.GetValue<bool>());
        var received = Receiver.Received("dead");
        Assert.Equal(4, received.Count);
        Assert.All(received, r => Assert.Equal(deliveryId, r.Id));
        Assert.Null((await partner.SubscriptionAsync(subscription.Id()))["failingSince"]);
    }

    [Fact]
    public async Task AfterARotationTheOldAndTheNewSecretBothSign()
    {
        var partner = fixture.Partner("partner-rotate");
        var subscription = await partner.SubscribedAsync(new { url = Receiver.UrlFor("rotate"), events = new[] { "webhook.ping" } });
        var oldSecret = subscription.Text("secret");

        var rotation = await partner.PostAsync($"{WebhookRequests.Path}/{subscription.Id()}/rotate-secret", null);

        Assert.Equal(HttpStatusCode.OK, rotation.StatusCode);
        var rotated = await rotation.ReadObjectAsync();
        var newSecret = rotated.Text("secret");
        Assert.NotEqual(oldSecret, newSecret);
        Assert.StartsWith("whsec_", newSecret, StringComparison.Ordinal);
        Assert.InRange(DateTimeOffset.Parse(rotated.Text("previousSecretExpiresAt"), System.Globalization.CultureInfo.InvariantCulture) - DateTimeOffset.UtcNow,
            TimeSpan.FromHours(23.9), TimeSpan.FromHours(24.1));
        Assert.Null((await partner.SubscriptionAsync(subscription.Id()))["secret"]);

        await partner.PingAsync(subscription.Id());

        var received = Assert.Single(await Receiver.WaitForAsync("rotate", 1));
        var signatures = received.Signature.Split(' ');
        Assert.Equal(2, signatures.Length);
        Assert.True(StandardWebhooksCheck.Verify(newSecret, received.Id, received.Timestamp, received.Signature, received.Body, DateTimeOffset.UtcNow));
        Assert.True(StandardWebhooksCheck.Verify(oldSecret, received.Id, received.Timestamp, received.Signature, received.Body, DateTimeOffset.UtcNow));
        Assert.True(StandardWebhooksCheck.Verify(newSecret, received.Id, received.Timestamp, signatures[0], received.Body, DateTimeOffset.UtcNow));
        Assert.True(StandardWebhooksCheck.Verify(oldSecret, received.Id, received.Timestamp, signatures[1], received.Body, DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task SeizureEventsReachOnlyTheSubscriptionsWhoseFilterTheyMatch()
    {
        var partner = fixture.Partner("partner-filters");
        await partner.SubscribedAsync(new { url = Receiver.UrlFor("all-seizures"), events = new[] { "seizure.recorded" } });
        await partner.SubscribedAsync(new { url = Receiver.UrlFor("tobacco-via-cn"), events = new[] { "seizure.recorded" }, filter = new { categories = new[] { "tobacco" }, countries = new[] { "cn" } } });
        await partner.SubscribedAsync(new { url = Receiver.UrlFor("tobacco-via-fr"), events = new[] { "seizure.recorded" }, filter = new { categories = new[] { "tobacco" }, countries = new[] { "FR" } } });
        await partner.SubscribedAsync(new { url = Receiver.UrlFor("drugs-any-route"), events = new[] { "seizure.recorded" }, filter = new { categories = new[] { "drugs" } } });
        var tobacco = SeizureSamples.Valid(office: "PKKHI-APFT", category: "tobacco");
        tobacco["route"]!["transitCountries"] = new JsonArray("CN");

        var drugsId = await RecordAsync(SeizureSamples.Valid(office: "PKKHI-APFT", category: "drugs"));
        var tobaccoId = await RecordAsync(tobacco);

        await Receiver.WaitForAsync("all-seizures", r => RecordIds(r).IsSupersetOf([drugsId, tobaccoId]));
        await Receiver.WaitForAsync("drugs-any-route", r => RecordIds(r).Contains(drugsId));
        await fixture.App.QueuesDrainedAsync(StorageNames.Queues.SeizureEvents, StorageNames.Queues.WebhookDeliveries);
        Assert.Equal(new[] { tobaccoId }, RecordIds(Receiver.Received("tobacco-via-cn")).Intersect([drugsId, tobaccoId]));
        Assert.Empty(RecordIds(Receiver.Received("tobacco-via-fr")).Intersect([drugsId, tobaccoId]));
        Assert.DoesNotContain(tobaccoId, RecordIds(Receiver.Received("drugs-any-route")));
    }

    [Fact]
    public async Task PartnersGetNoPersonalDataFromASeizure()
    {
        var partner = fixture.Partner("partner-scope");
        var subscription = await partner.SubscribedAsync(new { url = Receiver.UrlFor("non-nominal"), events = new[] { "seizure.recorded" } });

        var id = await RecordAsync(WithPersonalData(SeizureSamples.Valid(office: "PKKHI-APFT", category: "currency")));

        var received = (await Receiver.WaitForAsync("non-nominal", r => RecordIds(r).Contains(id))).First(r => RecordIdOf(r) == id);
        Assert.True(StandardWebhooksCheck.Verify(subscription.Text("secret"), received.Id, received.Timestamp, received.Signature, received.Body, DateTimeOffset.UtcNow));
        foreach (var personal in PersonalMarkers.Append("supervisor-1"))
        {
            Assert.DoesNotContain(personal, received.Body, StringComparison.OrdinalIgnoreCase);
        }

        foreach (var field in new[] { "narrative", "description", "vehicleRegistration", "transportDocument", "recordedBy", "updatedBy" })
        {
            Assert.DoesNotContain($"\"{field}\"", received.Body, StringComparison.Ordinal);
        }

        var data = received.Json["data"]!;
        Assert.Equal("seizure.recorded", received.Json.Text("type"));
        Assert.Equal(id, data["id"]!.GetValue<string>());
        Assert.Equal("currency", data["items"]![0]!["category"]!.GetValue<string>());
        Assert.Equal("2939", data["items"]![0]!["hsCode"]!.GetValue<string>());
        Assert.Equal("container-structure", data["concealment"]!["method"]!.GetValue<string>());
        Assert.Equal("CSQU3054383", data["conveyance"]!["containerNumbers"]![0]!.GetValue<string>());
        Assert.Equal("AE", data["route"]!["departureCountry"]!.GetValue<string>());
    }

    [Fact]
    public async Task OnlyAnAdminGrantsNominalScopeAndEveryNominalDeliveryIsAudited()
    {
        var partner = fixture.Partner("partner-nominal");
        var denied = await partner.SubscribeAsync(new { url = Receiver.UrlFor("nominal"), events = new[] { "seizure.recorded" }, scope = "nominal" });
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        var subscription = await partner.SubscribedAsync(new { url = Receiver.UrlFor("nominal"), events = new[] { "seizure.recorded" } });
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.PatchSubscriptionAsync(subscription.Id(), new JsonObject { ["scope"] = "nominal" })).StatusCode);

        var granted = await fixture.Admin.PatchSubscriptionAsync(subscription.Id(), new JsonObject { ["scope"] = "nominal" });

        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        Assert.Equal("nominal", (await granted.ReadObjectAsync()).Text("scope"));
        var id = await RecordAsync(WithPersonalData(SeizureSamples.Valid(office: "PKKHI-APFT", category: "weapons")));
        var received = (await Receiver.WaitForAsync("nominal", r => RecordIds(r).Contains(id))).First(r => RecordIdOf(r) == id);
        Assert.Contains(PersonalMarkers[0], received.Body, StringComparison.Ordinal);
        Assert.Equal(PersonalMarkers[0], received.Json["data"]!["facts"]!["narrative"]!.GetValue<string>());
        var audit = await SeizureSamples.EventuallyAsync(() => AuditEntriesAsync("webhook.deliver.nominal"), e => e.Any(a => a.GetString("Records")!.Contains(received.Id, StringComparison.Ordinal)));
        var entry = audit.Single(a => a.GetString("Records")!.Contains(received.Id, StringComparison.Ordinal));
        Assert.Equal("system:webhooks", entry.GetString("Subject"));
        Assert.Equal(new[] { id, subscription.Id(), received.Id }, entry.GetString("Records")!.Split(','));
    }

    [Fact]
    public async Task ACorrectionIsDeliveredAsSeizureUpdatedWithTheRecordAsCorrected()
    {
        var partner = fixture.Partner("partner-updates");
        await partner.SubscribedAsync(new { url = Receiver.UrlFor("updates"), events = new[] { "seizure.updated" } });
        var created = await fixture.Supervisor.PostSeizureAsync(SeizureSamples.Valid(office: "PKKHI-APFT"));
        var id = (await created.ReadObjectAsync()).Text("id");

        var corrected = await fixture.Supervisor.PatchSeizureAsync(id, new JsonObject { ["detectionMethod"] = "canine" }, created.Headers.ETag!.Tag);

        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        var received = (await Receiver.WaitForAsync("updates", r => RecordIds(r).Contains(id))).Single(r => RecordIdOf(r) == id);
        Assert.Equal("seizure.updated", received.Json.Text("type"));
        Assert.Equal(2, received.Json["data"]!["version"]!.GetValue<int>());
        Assert.Equal("canine", received.Json["data"]!["detectionMethod"]!.GetValue<string>());
    }

    [Fact]
    public async Task ChangingOrDeletingASubscriptionChangesWhatItReceives()
    {
        var partner = fixture.Partner("partner-changes");
        await partner.SubscribedAsync(new { url = Receiver.UrlFor("control"), events = new[] { "seizure.recorded" } });
        var moved = await partner.SubscribedAsync(new { url = Receiver.UrlFor("moved"), events = new[] { "seizure.recorded" } });
        var deleted = await partner.SubscribedAsync(new { url = Receiver.UrlFor("deleted"), events = new[] { "seizure.recorded" } });
        var paused = await partner.SubscribedAsync(new { url = Receiver.UrlFor("paused"), events = new[] { "seizure.recorded" } });

        Assert.Equal(HttpStatusCode.OK, (await partner.PatchSubscriptionAsync(moved.Id(), new JsonObject { ["events"] = new JsonArray("seizure.updated") })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await partner.DeleteAsync($"{WebhookRequests.Path}/{deleted.Id()}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await partner.PatchSubscriptionAsync(paused.Id(), new JsonObject { ["active"] = false })).StatusCode);
        var id = await RecordAsync(SeizureSamples.Valid(office: "PKKHI-APFT"));

        await Receiver.WaitForAsync("control", r => RecordIds(r).Contains(id));
        await fixture.App.QueuesDrainedAsync(StorageNames.Queues.SeizureEvents, StorageNames.Queues.WebhookDeliveries);
        Assert.DoesNotContain(id, RecordIds(Receiver.Received("moved")));
        Assert.DoesNotContain(id, RecordIds(Receiver.Received("deleted")));
        Assert.DoesNotContain(id, RecordIds(Receiver.Received("paused")));
        var index = fixture.App.Table(StorageNames.Tables.Webhooks);
        Assert.False((await index.GetEntityIfExistsAsync<TableEntity>("~event|seizure.recorded", moved.Id())).HasValue);
        Assert.True((await index.GetEntityIfExistsAsync<TableEntity>("~event|seizure.updated", moved.Id())).HasValue);
        Assert.False((await index.GetEntityIfExistsAsync<TableEntity>("~event|seizure.recorded", deleted.Id())).HasValue);
        Assert.False((await index.GetEntityIfExistsAsync<TableEntity>("~all", deleted.Id())).HasValue);
        Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync($"{WebhookRequests.Path}/{deleted.Id()}")).StatusCode);
    }

    private static readonly string[] PersonalMarkers =
    [
        "Passenger Imran Q. declared nothing",
        "Bag of Mr Imran Q with a false bottom",
        "Hidden by driver Ahmed R. behind the panel",
        "KHI-4471",
        "BL-IMRAN-778812",
    ];

    /// <summary>A sample whose free text and identifying fields each carry a recognisable marker.</summary>
    private static JsonObject WithPersonalData(JsonObject seizure)
    {
        seizure["narrative"] = PersonalMarkers[0];
        seizure["items"]![0]!["description"] = PersonalMarkers[1];
        seizure["concealment"]!["description"] = PersonalMarkers[2];
        seizure["conveyance"]!["vehicleRegistration"] = PersonalMarkers[3];
        seizure["conveyance"]!["transportDocument"] = PersonalMarkers[4];
        return seizure;
    }

    private async Task<string> RecordAsync(JsonObject seizure)
    {
        var response = await fixture.Supervisor.PostSeizureAsync(seizure);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.ReadObjectAsync()).Text("id");
    }

    private async Task<List<TableEntity>> AuditEntriesAsync(string operation)
    {
        var day = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var audit = fixture.App.Table(StorageNames.Tables.Audit);
        return await audit.QueryAsync<TableEntity>(e => e.PartitionKey == day).Where(e => e.GetString("Operation") == operation).ToListAsync();
    }

    private static string? RecordIdOf(ReceivedDelivery delivery) => delivery.Json["data"]?["id"]?.GetValue<string>();

    private static HashSet<string> RecordIds(IEnumerable<ReceivedDelivery> deliveries) =>
        deliveries.Select(RecordIdOf).OfType<string>().ToHashSet(StringComparer.Ordinal);
}
