using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Enforcement.Tests.Infrastructure;

namespace Enforcement.Tests.Communication;

public sealed class InboxTests(CommunicationFixture fixture) : IClassFixture<CommunicationFixture>
{
    private HttpClient Owner => fixture.As("analyst", null, "analyst-inbox");

    [Fact]
    public async Task TheInboxPagesInDeliveryOrderFromACursor()
    {
        var reader = fixture.As("officer", "PKSKT", "officer-skt");
        var id = await Owner.CreateGroupAsync(CommunicationSamples.Group(members: new JsonObject { ["offices"] = new JsonArray("PKSKT") }));
        for (var i = 0; i < 5; i++)
        {
            await Owner.SendAsync(id, $"page-{i}", CommunicationSamples.Message($"message {i}"));
        }

        var all = await CommunicationSamples.EventuallyAsync(
            async () => await (await reader.GetAsync("/api/inbox?limit=100")).ReadObjectAsync(), p => p["items"]!.AsArray().Count == 5);
        var first = await (await reader.GetAsync("/api/inbox?limit=2")).ReadObjectAsync();
        var second = await (await reader.GetAsync($"/api/inbox?limit=2&after={first["cursor"]}")).ReadObjectAsync();
        var third = await (await reader.GetAsync($"/api/inbox?limit=2&after={second["cursor"]}")).ReadObjectAsync();

        var texts = new[] { first, second, third }.SelectMany(p => p["items"]!.AsArray()).Select(i => i!["message"]!["text"]!.GetValue<string>());
        // Delivery order is the fan-out's (the queue may deliver messages sent together in any order); paging keeps it.
        Assert.Equal(all["items"]!.AsArray().Select(i => i!["message"]!["text"]!.GetValue<string>()), texts);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"message {i}"), texts.Order(StringComparer.Ordinal));
        Assert.Equal(all["items"]!.AsArray().Select(i => i!["cursor"]!.GetValue<string>()), new[] { first, second, third }.SelectMany(p => p["items"]!.AsArray()).Select(i => i!["cursor"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ALongPollWakesWhenAMessageArrives()
    {
        var reader = fixture.As("officer", "PKMUX", "officer-mux");
        var id = await Owner.CreateGroupAsync(CommunicationSamples.Group(members: new JsonObject { ["offices"] = new JsonArray("PKMUX") }));
        var empty = await (await reader.GetAsync("/api/inbox")).ReadObjectAsync();
        Assert.Empty(empty["items"]!.AsArray());

        var started = System.Diagnostics.Stopwatch.StartNew();
        var waiting = reader.GetAsync("/api/inbox?wait=25");
        await Owner.SendAsync(id, "wake-1", CommunicationSamples.Message("wake up"));
        var woken = await (await waiting).ReadObjectAsync();

        Assert.Equal("wake up", woken["items"]![0]!["message"]!["text"]!.GetValue<string>());
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(20), $"took {started.Elapsed}");
    }

    [Fact]
    public async Task AnAlertArrivesInTheInboxOfItsAudienceOnly()
    {
        var inside = fixture.As("officer", "PKGWD", "officer-gwd");
        var outside = fixture.As("officer", "PKKHI", "officer-khi-inbox");
        await Owner.PublishAsync(CommunicationSamples.Alert("for Gwadar", audience: new JsonObject { ["offices"] = new JsonArray("PKGWD") }));

        var got = await (await inside.GetAsync("/api/inbox?wait=20")).ReadObjectAsync();
        var none = await (await outside.GetAsync("/api/inbox")).ReadObjectAsync();

        Assert.Equal("for Gwadar", got["items"]![0]!["alert"]!["title"]!.GetValue<string>());
        Assert.DoesNotContain(none["items"]!.AsArray(), i => i!["alert"]?["title"]?.GetValue<string>() == "for Gwadar");
    }

    [Fact]
    public async Task AWaitOverThirtySecondsIsRefused()
    {
        var response = await fixture.As("officer", "PKKHI", "officer-wait").GetAsync("/api/inbox?wait=31");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("wait", (await response.ReadObjectAsync())["errors"]!.AsObject().Select(e => e.Key));
    }
}
