using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Enforcement.Functions.Hosting;
using Enforcement.Functions.Hosting.Standalone;
using Enforcement.Functions.Storage;
using Enforcement.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Enforcement.Tests.Feeds;

/// <summary>How builds are asked for: the nightly timer and the admin's rebuild only enqueue; a busy month waits its turn.</summary>
public sealed class FeedSchedulingTests(FeedSchedulingTests.SchedulingApp fixture) : IClassFixture<FeedSchedulingTests.SchedulingApp>
{
    public sealed class SchedulingApp : AppFixture
    {
        protected override IDictionary<string, string?> Settings =>
            new Dictionary<string, string?>(FeedTestKit.HostDrivenFeeds()) { ["Feeds:BusyRetryDelay"] = "00:00:00" };
    }

    [Fact]
    public void TheTimerAndQueueFunctionsAreDeclaredForTheFunctionsHost()
    {
        var functions = fixture.App.Services.GetRequiredService<TriggeredFunctions>();

        var timer = TriggeredFunctions.Get("FeedBuilder");
        var queue = TriggeredFunctions.Get("FeedBuild");

        Assert.NotNull(timer.Timer);
        Assert.Equal("0 30 2 * * *", functions.Resolve(timer.Timer.Schedule));
        Assert.NotNull(queue.Queue);
        Assert.Equal(StorageNames.Queues.FeedBuilds, functions.Resolve(queue.Queue.QueueName));
    }

    [Fact]
    public async Task TheNightlyTimerAsksForThePreviousTwoMonths()
    {
        var now = DateTime.UtcNow;
        string[] expected = [now.AddMonths(-2).ToString("yyyy-MM", CultureInfo.InvariantCulture), now.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture)];

        var outcome = await fixture.App.InvokeTimerFunctionAsync("FeedBuilder");

        Assert.True(outcome.Succeeded, outcome.ToString());
        var requests = await RequestsAsync();
        Assert.Equal(expected, requests.Where(r => r["reason"]!.GetValue<string>() == "schedule").Select(r => r["month"]!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task AnAdminRebuildOnlyQueuesTheMonth()
    {
        using var admin = fixture.App.ClientAs("admin");

        var response = await admin.PostAsync("/api/feeds/2025-10/rebuild", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("/api/feeds/2025-10", response.Headers.Location?.OriginalString);
        Assert.Equal("queued", (await response.ReadObjectAsync())["status"]!.GetValue<string>());
        Assert.Contains(await RequestsAsync(), r => r["month"]!.GetValue<string>() == "2025-10" && r["reason"]!.GetValue<string>() == "admin");
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Analyst.GetAsync("/api/feeds/2025-10")).StatusCode);
    }

    [Theory]
    [InlineData("2025-1")]
    [InlineData("2099-01")]
    public async Task ARebuildOfABadOrFutureMonthIsRefused(string month)
    {
        using var admin = fixture.App.ClientAs("admin");

        var response = await admin.PostAsync($"/api/feeds/{month}/rebuild", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadObjectAsync())["errors"]!.AsObject().ContainsKey("month"));
    }

    [Fact]
    public async Task ABuildOfAMonthAnotherBuildHoldsIsQueuedAgainInsteadOfRunningAlongside()
    {
        var container = fixture.App.Services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(fixture.App.Names.Container(StorageNames.Containers.Feeds));
        var lockBlob = container.GetBlobClient("_locks/2025-11");
        await lockBlob.UploadAsync(BinaryData.Empty, overwrite: true);
        var lease = lockBlob.GetBlobLeaseClient();
        await lease.AcquireAsync(TimeSpan.FromSeconds(30));

        try
        {
            await fixture.App.BuildAsync("2025-11");

            Assert.Contains(await RequestsAsync(), r => r["month"]!.GetValue<string>() == "2025-11" && r["reason"]!.GetValue<string>() == "busy-retry");
            Assert.Equal(HttpStatusCode.NotFound, (await fixture.Analyst.GetAsync("/api/feeds/2025-11")).StatusCode);
        }
        finally
        {
            await lease.ReleaseAsync();
        }

        await fixture.App.BuildAsync("2025-11");
        Assert.Equal(HttpStatusCode.OK, (await fixture.Analyst.GetAsync("/api/feeds/2025-11")).StatusCode);
    }

    private async Task<List<JsonObject>> RequestsAsync()
    {
        var peeked = (await fixture.App.Queue(StorageNames.Queues.FeedBuilds).PeekMessagesAsync(32)).Value;
        return peeked.Select(m => JsonNode.Parse(m.Body.ToString())!.AsObject()).ToList();
    }
}
