using System.Net;
using System.Text.Json.Nodes;
using Enforcement.Tests.Infrastructure;

namespace Enforcement.Tests.Feeds;

/// <summary>The whole way through the standalone queue listener: an admin's rebuild is queued, built and pulled.</summary>
public sealed class FeedListenerTests(FeedListenerTests.ListeningApp fixture) : IClassFixture<FeedListenerTests.ListeningApp>
{
    /// <summary>FeedBuild runs on the app's own queue listener, as it does standalone; the nightly timer stays off.</summary>
    public sealed class ListeningApp : AppFixture
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["LocalTriggers:DisabledFunctions:0"] = "FeedBuilder" };
    }

    [Fact]
    public async Task ARebuildRequestIsPickedUpByTheQueueListenerAndPublished()
    {
        await fixture.App.RecordAsync(FeedTestKit.Seizure("2025-04-15T10:00:00+05:00", "PK", "AE"));
        using var admin = fixture.App.ClientAs("admin");

        var accepted = await admin.PostAsync("/api/feeds/2025-04/rebuild", null);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var manifest = await SeizureSamples.EventuallyAsync(() => fixture.Analyst.GetAsync("/api/feeds/2025-04"), r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(1, JsonNode.Parse(await manifest.Content.ReadAsStringAsync())!["recordCount"]!.GetValue<int>());
    }
}
