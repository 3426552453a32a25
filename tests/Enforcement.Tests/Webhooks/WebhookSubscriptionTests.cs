using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Enforcement.Functions.Storage;
using Enforcement.Tests.Infrastructure;

namespace Enforcement.Tests.Webhooks;

/// <summary>Subscriptions as configured outside Development: https only, no internal targets.</summary>
public sealed class WebhookSubscriptionTests(WebhookSubscriptionTests.StrictFixture fixture) : IClassFixture<WebhookSubscriptionTests.StrictFixture>
{
    public sealed class StrictFixture : WebhookFixture
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Webhooks:RetrySchedule:0"] = "00:00:00",
            ["Webhooks:RetrySchedule:1"] = "00:00:01",
            ["Webhooks:RetryJitter"] = "0",
            ["Webhooks:MaxSubscriptionsPerOwner"] = "3",
        };
    }

    [Fact]
    public async Task ASubscriptionShowsItsSecretOnceAndStoresItEncrypted()
    {
        var partner = fixture.Partner("partner-create");

        var response = await partner.SubscribeAsync(new { url = "https://hooks.partner-a.example/enforcement", events = new[] { "Seizure.Recorded", "webhook.ping" }, description = "Targeting centre" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadObjectAsync();
        Assert.Equal($"/api/webhooks/subscriptions/{created.Id()}", response.Headers.Location?.ToString());
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal("partner-create", created.Text("owner"));
        Assert.Equal(new[] { "seizure.recorded", "webhook.ping" }, created["events"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.Equal("non-nominal", created.Text("scope"));
        Assert.Equal("active", created.Text("status"));
        var secret = created.Text("secret");
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        var read = await partner.SubscriptionAsync(created.Id());
        Assert.Null(read["secret"]);
        var row = (await fixture.App.Table(StorageNames.Tables.Webhooks).GetEntityAsync<TableEntity>("partner-create", created.Id())).Value;
        var stored = row.GetString("Secret")!;
        Assert.StartsWith("v1.", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(secret[6..], stored, StringComparison.Ordinal);
        Assert.DoesNotContain(row.Keys, k => k.Contains("whsec", StringComparison.OrdinalIgnoreCase));
        Assert.All(((IDictionary<string, object>)row).Values.OfType<string>(), v => Assert.DoesNotContain(secret[6..], v, StringComparison.Ordinal));
    }

    public static TheoryData<string, string> InvalidSubscriptions() => new()
    {
        { """{"url":"https://hooks.example.org/x","events":["seizure.recorded","seizure.deleted"]}""", "events[1]" },
        { """{"url":"https://hooks.example.org/x","events":["seizure.recorded","seizure.recorded"]}""", "events[1]" },
        { """{"url":"https://hooks.example.org/x","events":[]}""", "events" },
        { """{"url":"https://hooks.example.org/x"}""", "events" },
        { """{"url":"https://hooks.example.org/x","events":[42]}""", "events[0]" },
        { """{"events":["webhook.ping"]}""", "url" },
        { """{"url":"http://hooks.example.org/x","events":["webhook.ping"]}""", "url" },
        { """{"url":"ftp://hooks.example.org/x","events":["webhook.ping"]}""", "url" },
        { """{"url":"/relative","events":["webhook.ping"]}""", "url" },
        { """{"url":"https://user:password@hooks.example.org/x","events":["webhook.ping"]}""", "url" },
        { """{"url":"https://hooks.example.org/x#top","events":["webhook.ping"]}""", "url" },
        { """{"url":"https://127.0.0.1/x","events":["webhook.ping"]}""", "url" },
        { """{"url":"https://10.20.30.40/x","events":["webhook.ping"]}""", "url" },
        { """{"url":"https://169.254.169.254/latest/meta-data","events":["webhook.ping"]}""", "url" },
        { """{"url":"https://100.64.1.1/x","events":["webhook.ping"]}""", "url" },
        { """{"url":"https://[::1]/x","events":["webhook.ping"]}""", "url" },
        { """{"url":"https://[fd00::1]/x","events":["webhook.ping"]}""", "url" },
        { """{"url":"https://[::ffff:127.0.0.1]/x","events":["webhook.ping"]}""", "url" },
        { """{"url":"https://2130706433/x","events":["webhook.ping"]}""", "url" },
        { """{"url":"https://0177.0.0.1/x","events":["webhook.ping"]}""", "url" },
        { """{"url":"https://0x7f.1/x","events":["webhook.ping"]}""", "url" },
        { """{"url":"https://127.1/x","events":["webhook.ping"]}""", "url" },
        { """{"url":"https://134744072/x","events":["webhook.ping"]}""", "url" },
        { """{"url":"https://localhost/x","events":["webhook.ping"]}""", "url" },
        { """{"url":"https://api.localhost/x","events":["webhook.ping"]}""", "url" },
        { """{"url":"https://intranet/x","events":["webhook.ping"]}""", "url" },
        { """{"url":"https://hooks.example.org/x","events":["seizure.recorded"],"filter":{"categories":["narcotics"]}}""", "filter.categories[0]" },
        { """{"url":"https://hooks.example.org/x","events":["seizure.recorded"],"filter":{"countries":["PK","XX"]}}""", "filter.countries[1]" },
        { """{"url":"https://hooks.example.org/x","events":["webhook.ping"],"scope":"everything"}""", "scope" },
        { """{"url":"https://hooks.example.org/x","events":["webhook.ping"],"secret":"whsec_mine"}""", "secret" },
        { """{"url":"https://hooks.example.org/x","events":["webhook.ping"],"description":"line\nbreak"}""", "description" },
    };

    [Theory]
    [MemberData(nameof(InvalidSubscriptions))]
    public async Task AnInvalidSubscriptionIsRejectedNamingTheField(string body, string field)
    {
        var response = await fixture.Partner("partner-invalid").PostAsync(WebhookRequests.Path, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.ReadObjectAsync())["errors"]!.AsObject();
        Assert.True(errors.ContainsKey(field), $"{field} not in {errors.ToJsonString()}");
    }

    [Fact]
    public async Task ANameThatAlreadyResolvesInwardIsRefusedAtSubscription()
    {
        fixture.App.Resolver.Set("inward.example.org", IPAddress.Parse("10.0.0.5"));

        var response = await fixture.Partner("partner-inward").SubscribeAsync(new { url = "https://inward.example.org/hooks", events = new[] { "webhook.ping" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("private (10.0.0.0/8)", (await response.ReadObjectAsync())["errors"]!["url"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANameThatResolvesInwardOnlyLaterIsRefusedAtEveryDelivery()
    {
        var partner = fixture.Partner("partner-rebinding");
        var subscription = await partner.SubscribedAsync(new { url = "https://rebinding.example.org/hooks", events = new[] { "webhook.ping" } });
        fixture.App.Resolver.Set("rebinding.example.org", IPAddress.Parse("169.254.169.254"));

        var deliveryId = (await (await partner.PingAsync(subscription.Id())).ReadObjectAsync()).Text("deliveryId");

        var delivery = await partner.DeliveryWhenAsync(subscription.Id(), deliveryId, "dead-letter");
        Assert.Equal(2, delivery["attempts"]!.GetValue<int>());
        Assert.All(delivery["attemptLog"]!.AsArray(), attempt =>
        {
            Assert.Null(attempt!["statusCode"]);
            Assert.Contains("Refused before connecting: the host resolves to a forbidden address: link-local (169.254.0.0/16)", attempt["error"]!.GetValue<string>(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task PartnersFindOnlyTheirOwnSubscriptionsAndAdminsFindAll()
    {
        var owner = fixture.Partner("partner-owner");
        var stranger = fixture.Partner("partner-stranger");
        var subscription = await owner.SubscribedAsync(new { url = "https://owner.example.org/hooks", events = new[] { "webhook.ping" } });
        var path = $"{WebhookRequests.Path}/{subscription.Id()}";

        var strangers = new[]
        {
            await stranger.GetAsync(path),
            await stranger.PatchSubscriptionAsync(subscription.Id(), new JsonObject { ["description"] = "mine now" }),
            await stranger.DeleteAsync(path),
            await stranger.PostAsync($"{path}/rotate-secret", null),
            await stranger.PingAsync(subscription.Id()),
            await stranger.GetAsync($"{path}/deliveries"),
        };
        var strangersList = await (await stranger.GetAsync(WebhookRequests.Path)).ReadObjectAsync();
        var ownersList = await (await owner.GetAsync(WebhookRequests.Path)).ReadObjectAsync();
        var adminsList = await AllPagesAsync(fixture.Admin, $"{WebhookRequests.Path}?limit=2");
        var adminsFilter = await (await fixture.Admin.GetAsync($"{WebhookRequests.Path}?owner=partner-owner")).ReadObjectAsync();
        var partnersFilter = await stranger.GetAsync($"{WebhookRequests.Path}?owner=partner-owner");

        Assert.All(strangers, r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Empty(strangersList["items"]!.AsArray());
        Assert.Equal(subscription.Id(), Assert.Single(ownersList["items"]!.AsArray())!["id"]!.GetValue<string>());
        Assert.Contains(subscription.Id(), adminsList);
        Assert.Equal(subscription.Id(), Assert.Single(adminsFilter["items"]!.AsArray())!["id"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, partnersFilter.StatusCode);
        Assert.Equal("https://owner.example.org/hooks", (await fixture.Admin.SubscriptionAsync(subscription.Id())).Text("url"));
    }

    [Fact]
    public async Task AStaleIfMatchIsRejectedAndACurrentOneApplies()
    {
        var partner = fixture.Partner("partner-etag");
        var subscription = await partner.SubscribedAsync(new { url = "https://etag.example.org/hooks", events = new[] { "webhook.ping" } });

        var stale = await partner.PatchSubscriptionAsync(subscription.Id(), new JsonObject { ["description"] = "stale" }, "\"0\"");
        var current = await partner.PatchSubscriptionAsync(subscription.Id(), new JsonObject
        {
            ["description"] = "current",
            ["events"] = new JsonArray("seizure.recorded", "seizure.updated"),
            ["filter"] = new JsonObject { ["countries"] = new JsonArray("cn", "ae") },
        }, "\"1\"");
        var invalid = await partner.PatchSubscriptionAsync(subscription.Id(), new JsonObject { ["events"] = new JsonArray("seizure.recorded", "seizure.exploded") });

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        Assert.Equal("\"2\"", current.Headers.ETag?.Tag);
        var patched = await current.ReadObjectAsync();
        Assert.Equal("current", patched.Text("description"));
        Assert.Equal(new[] { "CN", "AE" }, patched["filter"]!["countries"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.True((await invalid.ReadObjectAsync())["errors"]!.AsObject().ContainsKey("events[1]"));
    }

    [Fact]
    public async Task AnOwnerMayHaveOnlySoManySubscriptions()
    {
        var partner = fixture.Partner("partner-limit");
        for (var i = 0; i < 3; i++)
        {
            await partner.SubscribedAsync(new { url = $"https://limit.example.org/hooks/{i}", events = new[] { "webhook.ping" } });
        }

        var fourth = await partner.SubscribeAsync(new { url = "https://limit.example.org/hooks/3", events = new[] { "webhook.ping" } });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, fourth.StatusCode);
    }

    [Fact]
    public async Task DeletingASubscriptionRemovesItsIndexRowsAndItsDeliveryLog()
    {
        var partner = fixture.Partner("partner-delete");
        var subscription = await partner.SubscribedAsync(new { url = "https://delete.example.org/hooks", events = new[] { "webhook.ping", "feed.published" } });
        var deliveryId = (await (await partner.PingAsync(subscription.Id())).ReadObjectAsync()).Text("deliveryId");
        await partner.DeliveryWhenAsync(subscription.Id(), deliveryId, "dead-letter");

        var deleted = await partner.DeleteAsync($"{WebhookRequests.Path}/{subscription.Id()}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var webhooks = fixture.App.Table(StorageNames.Tables.Webhooks);
        foreach (var partition in new[] { "~all", "~event|webhook.ping", "~event|feed.published", "partner-delete" })
        {
            Assert.False((await webhooks.GetEntityIfExistsAsync<TableEntity>(partition, subscription.Id())).HasValue, partition);
        }

        var log = await fixture.App.Table(StorageNames.Tables.Deliveries).QueryAsync<TableEntity>(e => e.PartitionKey == subscription.Id()).ToListAsync();
        Assert.Empty(log);
    }

    [Fact]
    public async Task TheSubscriptionEndpointsTakeOnlyJson()
    {
        var partner = fixture.Partner("partner-media");
        var subscription = await partner.SubscribedAsync(new { url = "https://media.example.org/hooks", events = new[] { "webhook.ping" } });

        var post = await partner.PostAsync(WebhookRequests.Path, new StringContent("url=x", Encoding.UTF8, "application/x-www-form-urlencoded"));
        var patch = await partner.PatchAsync($"{WebhookRequests.Path}/{subscription.Id()}", JsonContent.Create(new { description = "x" }));
        var badLimit = await partner.GetAsync($"{WebhookRequests.Path}/{subscription.Id()}/deliveries?limit=0");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, post.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, patch.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
    }

    private static async Task<List<string>> AllPagesAsync(HttpClient client, string path)
    {
        var ids = new List<string>();
        string? token = null;
        do
        {
            var page = await (await client.GetAsync(token is null ? path : $"{path}&continuationToken={token}")).ReadObjectAsync();
            ids.AddRange(page["items"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()));
            token = page["continuationToken"]?.GetValue<string>();
        }
        while (token is not null);

        return ids;
    }
}
