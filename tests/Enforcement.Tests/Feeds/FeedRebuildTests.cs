using System.Net;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Enforcement.Functions.Events;
using Enforcement.Functions.Storage;
using Enforcement.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Enforcement.Tests.Feeds;

/// <summary>Rebuilds: late records make a new immutable version (announced with feed.published); an unchanged month keeps its version.</summary>
public sealed class FeedRebuildTests(FeedRebuildTests.RebuildApp fixture) : IClassFixture<FeedRebuildTests.RebuildApp>
{
    /// <summary>No Feeds:PseudonymKey (Development: a generated installation key); the event queue is left for the tests to read.</summary>
    public sealed class RebuildApp : AppFixture
    {
        protected override IDictionary<string, string?> Settings => FeedTestKit.HostDrivenFeeds("SeizureEvents");
    }

    [Fact]
    public async Task ALateRecordAppearsAfterARebuildInANewVersionAndTheOldVersionStaysAsItWas()
    {
        const string month = "2025-07";
        await fixture.App.RecordAsync(FeedTestKit.Seizure("2025-07-10T10:00:00+05:00", "PK", "AE"));
        await fixture.App.BuildAsync(month);
        var first = await fixture.Analyst.GetAsync($"/api/feeds/{month}/seizures");
        var firstBody = await first.Content.ReadAsStringAsync();
        var firstId = FeedTestKit.JsonLines(firstBody).Single()["id"]!.GetValue<string>();

        var late = await fixture.App.RecordAsync(FeedTestKit.Seizure("2025-07-31T21:00:00+05:00", "AF", "PK"));
        await fixture.App.BuildAsync(month);

        var manifest = JsonNode.Parse(await fixture.Analyst.GetStringAsync($"/api/feeds/{month}"))!;
        Assert.Equal(2, manifest["version"]!.GetValue<int>());
        Assert.Equal(2, manifest["recordCount"]!.GetValue<int>());
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/feeds/{month}/seizures");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var second = await fixture.Analyst.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.NotEqual(first.Headers.ETag, second.Headers.ETag);
        var records = FeedTestKit.JsonLines(await second.Content.ReadAsStringAsync()).ToList();
        Assert.Equal(2, records.Count);
        Assert.Contains(records, r => r["id"]!.GetValue<string>() == firstId);
        Assert.DoesNotContain(late, await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var v1 = await Container().GetBlobClient($"ALL/{month}/v1/seizures.json").DownloadContentAsync();
        Assert.Equal(firstBody, System.Text.Encoding.UTF8.GetString(await FeedTestKit.GunzipAsync(v1.Value.Content.ToArray())));
    }

    [Fact]
    public async Task RebuildingAnUnchangedMonthKeepsItsVersionAndAnnouncesNothingNew()
    {
        const string month = "2025-08";
        await fixture.App.RecordAsync(FeedTestKit.Seizure("2025-08-10T10:00:00+05:00", "PK", "AE"));
        await fixture.App.BuildAsync(month);
        var etag = (await fixture.Analyst.GetAsync($"/api/feeds/{month}/summary")).Headers.ETag;

        await fixture.App.BuildAsync(month);
        await fixture.App.BuildAsync(month);

        var manifest = JsonNode.Parse(await fixture.Analyst.GetStringAsync($"/api/feeds/{month}"))!;
        Assert.Equal(1, manifest["version"]!.GetValue<int>());
        Assert.Equal(etag, (await fixture.Analyst.GetAsync($"/api/feeds/{month}/summary")).Headers.ETag);
        var names = new List<string>();
        await foreach (var blob in Container().GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, $"ALL/{month}/", CancellationToken.None))
        {
            names.Add(blob.Name);
        }

        Assert.Equal([$"ALL/{month}/latest.json", $"ALL/{month}/v1/manifest.json", $"ALL/{month}/v1/seizures.csv", $"ALL/{month}/v1/seizures.json", $"ALL/{month}/v1/summary.json"], names.Order());
        var published = (await PublishedEventsAsync()).Where(e => e.RecordId == $"ALL/{month}").ToList();
        Assert.Equal(1, Assert.Single(published).Version);
    }

    [Fact]
    public async Task EachNewVersionOfEachScopeIsAnnouncedOnceWithFeedPublished()
    {
        const string month = "2025-09";
        await fixture.App.RecordAsync(FeedTestKit.Seizure("2025-09-10T10:00:00+05:00", "PK", "AE"));
        await fixture.App.BuildAsync(month);
        await fixture.App.RecordAsync(FeedTestKit.Seizure("2025-09-11T10:00:00+05:00", "DE", "FR"));
        await fixture.App.BuildAsync(month);

        var published = (await PublishedEventsAsync()).Where(e => e.RecordId.EndsWith("/" + month, StringComparison.Ordinal)).ToList();

        // v1 of every scope; v2 only where the late record changed the content (ALL and EUR).
        Assert.Equal(
            ["ALL/2025-09.v1", "ALL/2025-09.v2", "AMC/2025-09.v1", "AP/2025-09.v1", "ESA/2025-09.v1", "EUR/2025-09.v1", "EUR/2025-09.v2", "MENA/2025-09.v1", "WCA/2025-09.v1"],
            published.Select(e => e.EventId).Order(StringComparer.Ordinal));
        Assert.All(published, e => Assert.Equal(RecordEventTypes.FeedPublished, e.Type));
        var listing = JsonNode.Parse(await fixture.Analyst.GetStringAsync("/api/feeds?scope=AP"))!["months"]!.AsArray();
        Assert.Equal(1, listing.Single(m => m!["month"]!.GetValue<string>() == month)!["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task TheRecordEventPipelineAcceptsFeedPublished()
    {
        var message = System.Text.Json.JsonSerializer.Serialize(
            new RecordEvent("ALL/2025-01.v1", RecordEventTypes.FeedPublished, "ALL/2025-01", 1, DateTimeOffset.UtcNow), EventJsonContext.Default.RecordEvent);

        var outcome = await fixture.App.InvokeQueueFunctionAsync("SeizureEvents", message);

        Assert.True(outcome.Succeeded, outcome.ToString());
    }

    private BlobContainerClient Container() =>
        fixture.App.Services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(fixture.App.Names.Container(StorageNames.Containers.Feeds));

    /// <summary>Takes every event off the queue (nothing else consumes it here: the SeizureEvents listener is off; tests
    /// of a class run one at a time) and returns the feed.published ones.</summary>
    private async Task<List<RecordEvent>> PublishedEventsAsync()
    {
        var queue = fixture.App.Queue(StorageNames.Queues.SeizureEvents);
        var events = new List<RecordEvent>();
        while ((await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1))).Value is { Length: > 0 } batch)
        {
            foreach (var message in batch)
            {
                var recordEvent = System.Text.Json.JsonSerializer.Deserialize(message.Body.ToString(), EventJsonContext.Default.RecordEvent)!;
                if (recordEvent.Type == RecordEventTypes.FeedPublished)
                {
                    events.Add(recordEvent);
                }

                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }

        return events;
    }
}
