using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Enforcement.Functions.Events;
using Enforcement.Functions.Storage;
using Enforcement.Tests.Infrastructure;

namespace Enforcement.Tests.Photos;

/// <summary>The PhotoProcessing function as the Functions host drives it (one invocation at a time): ready once, idempotent on
/// redelivery, photo.ready published; a failing last attempt marks the photo failed and still fails the invocation.</summary>
public sealed class PhotoProcessingTests(PhotoProcessingTests.HostDrivenPhotoApp fixture) : IClassFixture<PhotoProcessingTests.HostDrivenPhotoApp>
{
    /// <summary>Photos and events are left on their queues: the test plays the Functions host.</summary>
    public sealed class HostDrivenPhotoApp : PhotoApp
    {
        protected override IEnumerable<string> DisabledFunctions => ["PhotoProcessing", "SeizureEvents"];
    }

    private const int HostMaxDequeueCount = PhotoApp.MaxDequeueCount;

    [Fact]
    public async Task AnInvocationProcessesThePhotoOnceAndPublishesPhotoReady()
    {
        var seizure = await fixture.NewSeizureAsync();
        var id = (await (await fixture.Client.PostPhotoAsync(seizure, TestPhotos.Jpeg(seed: 51, withExif: true))).ReadObjectAsync())["id"]!.GetValue<string>();
        var queued = await FindMessageAsync(fixture.App.Queue(StorageNames.Queues.PhotoProcessing), id);
        var notYet = await fixture.Client.GetAsync($"/api/seizures/{seizure}/photos/{id}/content?variant=sanitized");
        var originalAlready = await fixture.Client.GetAsync($"/api/seizures/{seizure}/photos/{id}/content?variant=original");

        var first = await InvokeAsync(queued, dequeueCount: 1);
        var redelivered = await InvokeAsync(queued, dequeueCount: 2);

        Assert.Equal(HttpStatusCode.Conflict, notYet.StatusCode);
        Assert.NotNull(notYet.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, originalAlready.StatusCode);
        Assert.True(first.Succeeded, first.ToString());
        Assert.True(redelivered.Succeeded, redelivered.ToString());
        var photo = await fixture.Client.PhotoAsync(seizure, id);
        Assert.Equal("ready", photo["status"]!.GetValue<string>());
        var sanitized = await fixture.Client.GetAsync($"/api/seizures/{seizure}/photos/{id}/content?variant=sanitized");
        Assert.Equal(HttpStatusCode.OK, sanitized.StatusCode);
        var events = await EventsAsync($"{seizure}/{id}");
        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.Equal((RecordEventTypes.PhotoReady, RecordEvent.IdFor($"{seizure}/{id}", 2)), (e.Type, e.EventId)));
    }

    [Fact]
    public async Task AFailureBeforeTheLastAttemptLeavesThePhotoProcessingAndTheLastAttemptMarksItFailed()
    {
        var seizure = await fixture.NewSeizureAsync();
        var id = (await (await fixture.Client.PostPhotoAsync(seizure, TestPhotos.Jpeg(seed: 52))).ReadObjectAsync())["id"]!.GetValue<string>();
        var message = await FindMessageAsync(fixture.App.Queue(StorageNames.Queues.PhotoProcessing), id);
        await TamperWithOriginalAsync(seizure, id);

        var early = await InvokeAsync(message, dequeueCount: 1);
        var afterEarly = (await fixture.Client.PhotoAsync(seizure, id))["status"]!.GetValue<string>();
        var last = await InvokeAsync(message, dequeueCount: HostMaxDequeueCount);

        Assert.False(early.Succeeded);
        Assert.Equal("processing", afterEarly);
        Assert.False(last.Succeeded);
        var photo = await fixture.Client.PhotoAsync(seizure, id);
        Assert.Equal("failed", photo["status"]!.GetValue<string>());
        Assert.Equal("The stored original does not match its recorded SHA-256.", photo["failureReason"]!.GetValue<string>());
        var copies = await fixture.Client.GetAsync($"/api/seizures/{seizure}/photos/{id}/content?variant=thumbnail");
        Assert.Equal(HttpStatusCode.Conflict, copies.StatusCode);
    }

    [Fact]
    public async Task WithdrawingPublishesPhotoWithdrawnWithTheNewVersion()
    {
        var seizure = await fixture.NewSeizureAsync();
        var id = (await (await fixture.Client.PostPhotoAsync(seizure, TestPhotos.Jpeg(seed: 53))).ReadObjectAsync())["id"]!.GetValue<string>();

        var response = await fixture.Client.PostAsync($"/api/seizures/{seizure}/photos/{id}/withdraw",
            new StringContent("{\"reason\":\"Taken at the wrong seizure\"}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var withdrawn = Assert.Single(await EventsAsync($"{seizure}/{id}"));
        Assert.Equal((RecordEventTypes.PhotoWithdrawn, 2), (withdrawn.Type, withdrawn.Version));
        var processed = await InvokeAsync(await FindMessageAsync(fixture.App.Queue(StorageNames.Queues.PhotoProcessing), id), dequeueCount: 1);
        Assert.True(processed.Succeeded, processed.ToString());
        Assert.Equal("withdrawn", (await fixture.Client.PhotoAsync(seizure, id))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task AMessageThatIsNotAPhotoPointerFailsTheInvocation()
    {
        var response = await InvokeAsync("{\"seizureId\":\"x\"}", dequeueCount: 1);

        Assert.False(response.Succeeded);
    }

    /// <summary>Overwrites the stored original (Azurite has no WORM policy) so processing finds a hash mismatch.</summary>
    internal static Task TamperWithOriginalAsync(PhotoApp app, string seizure, string id) =>
        app.Container(StorageNames.Containers.PhotosOriginal).GetBlobClient($"{seizure}/{id}").UploadAsync(BinaryData.FromBytes(TestPhotos.Jpeg(seed: 99)), overwrite: true);

    private Task TamperWithOriginalAsync(string seizure, string id) => TamperWithOriginalAsync(fixture, seizure, id);

    private static async Task<string> FindMessageAsync(Azure.Storage.Queues.QueueClient queue, string photoId)
    {
        var messages = await SeizureSamples.EventuallyAsync(
            async () => (await queue.PeekMessagesAsync(32)).Value.Select(m => m.Body.ToString()).ToList(),
            bodies => bodies.Any(b => b.Contains(photoId, StringComparison.Ordinal)));
        return messages.First(b => b.Contains(photoId, StringComparison.Ordinal));
    }

    private async Task<List<RecordEvent>> EventsAsync(string recordId)
    {
        var queue = fixture.App.Queue(StorageNames.Queues.SeizureEvents);
        var bodies = (await queue.PeekMessagesAsync(32)).Value.Select(m => m.Body.ToString());
        return bodies.Select(b => JsonSerializer.Deserialize(b, EventJsonContext.Default.RecordEvent)!).Where(e => e.RecordId == recordId).ToList();
    }

    private Task<InvocationOutcome> InvokeAsync(string message, int dequeueCount) =>
        fixture.App.InvokeQueueFunctionAsync("PhotoProcessing", message, dequeueCount);
}

/// <summary>The standalone queue listener retries a failing photo maxDequeueCount times, marks it failed and poisons the message.</summary>
public sealed class PhotoPoisonTests(PhotoApp fixture) : IClassFixture<PhotoApp>
{
    [Fact]
    public async Task APhotoThatKeepsFailingIsMarkedFailedAndItsMessageIsPoisoned()
    {
        var seizure = await fixture.NewSeizureAsync();
        var jpeg = TestPhotos.Jpeg(seed: 61);
        var photoId = "PH-0000000000" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4));
        await fixture.App.Table(StorageNames.Tables.Photos).AddEntityAsync(new TableEntity(seizure, photoId)
        {
            ["Version"] = 1,
            ["Sha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(jpeg)),
            ["Size"] = (long)jpeg.Length,
            ["ContentType"] = "image/jpeg",
            ["UploadedBy"] = "officer-test",
            ["UploadedAt"] = DateTimeOffset.UtcNow,
            ["Status"] = "processing",
        });
        await PhotoProcessingTests.TamperWithOriginalAsync(fixture, seizure, photoId);
        var message = $"{{\"seizureId\":\"{seizure}\",\"photoId\":\"{photoId}\"}}";

        await fixture.App.Queue(StorageNames.Queues.PhotoProcessing).SendMessageAsync(message);

        var poison = fixture.App.Queue(StorageNames.Queues.PhotoProcessing + "-poison");
        await SeizureSamples.EventuallyAsync(
            async () => (await poison.PeekMessagesAsync(32)).Value.Select(m => m.Body.ToString()).ToList(),
            bodies => bodies.Contains(message), TimeSpan.FromSeconds(30));
        var photo = await fixture.Client.PhotoAsync(seizure, photoId);
        Assert.Equal("failed", photo["status"]!.GetValue<string>());
        Assert.Contains("SHA-256", photo["failureReason"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
