using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Enforcement.Functions.Events;
using Enforcement.Functions.Hosting.Standalone;
using Enforcement.Tests.Hosting.WorkerProcess.Rpc;
using Enforcement.Tests.Infrastructure;
using Enforcement.Tests.Photos;

namespace Enforcement.Tests.Hosting.WorkerProcess;

/// <summary>The built app launched exactly as the Functions host launches a .NET isolated worker, driven over the
/// worker's gRPC protocol, with HTTP forwarded to it the way the host's proxy does.</summary>
public sealed class WorkerProcessTests(WorkerProcessTests.BuiltWorker worker) : IClassFixture<WorkerProcessTests.BuiltWorker>
{
    public sealed class BuiltWorker : IAsyncLifetime
    {
        public FunctionsHostStandIn Host { get; } = new();

        public HttpClient Client { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await Host.StartAsync(WorkerApps.BuildOutput(), await WorkerApps.SettingsAsync());
            Client = new HttpClient { BaseAddress = Host.FrontDoor, Timeout = TimeSpan.FromSeconds(120) };
        }

        public async Task DisposeAsync()
        {
            Client.Dispose();
            await Host.DisposeAsync();
        }
    }

    private static readonly string Supervisor = TestTokens.Create("supervisor", "PKKHI");

    [Fact]
    public void TheWorkerIndexesEveryFunction()
    {
        var expected = TriggeredFunctions.All.Select(f => f.Name).Append("HttpApi").Order(StringComparer.Ordinal);

        Assert.Equal(expected, worker.Host.Functions.Select(f => f.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ASeizureIsRecordedAndReadThroughTheHostsProxyWithA304OnAMatchingETag()
    {
        var created = await Send(HttpMethod.Post, "/api/seizures", SeizureSamples.Valid().ToJsonString());
        Assert.True(created.StatusCode == HttpStatusCode.Created, $"{created.StatusCode}\n{worker.Host.Output}");
        Assert.StartsWith("/api/seizures/", created.Headers.Location!.IsAbsoluteUri ? created.Headers.Location.AbsolutePath : created.Headers.Location.OriginalString, StringComparison.Ordinal);
        var id = (await created.ReadObjectAsync())["id"]!.GetValue<string>();

        var read = await Send(HttpMethod.Get, $"/api/seizures/{id}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Contains(read.Headers.GetValues("Server-Timing"), v => v.StartsWith("storage;dur=", StringComparison.Ordinal));

        var unchanged = await Send(HttpMethod.Get, $"/api/seizures/{id}", ifNoneMatch: read.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
    }

    [Fact]
    public async Task WithoutATokenTheChallengePassesThroughTheProxy()
    {
        var response = await worker.Client.GetAsync($"/api/seizures?month={SeizureSamples.Month}");

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{response.StatusCode}\n{worker.Host.Output}");
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [Fact]
    public async Task APhotosOriginalIsServedInRanges()
    {
        var id = (await (await Send(HttpMethod.Post, "/api/seizures", SeizureSamples.Valid().ToJsonString())).ReadObjectAsync())["id"]!.GetValue<string>();
        var bytes = TestPhotos.Jpeg(seed: 81);
        using var upload = new HttpRequestMessage(HttpMethod.Post, $"/api/seizures/{id}/photos") { Content = new ByteArrayContent(bytes) };
        upload.Content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        upload.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Supervisor);
        var accepted = await worker.Client.SendAsync(upload);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var photoId = (await accepted.ReadObjectAsync())["id"]!.GetValue<string>();

        using var range = new HttpRequestMessage(HttpMethod.Get, $"/api/seizures/{id}/photos/{photoId}/content?variant=original");
        range.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Supervisor);
        range.Headers.Range = new RangeHeaderValue(10, 109);
        var partial = await worker.Client.SendAsync(range);

        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(bytes[10..110], await partial.Content.ReadAsByteArrayAsync());
        Assert.Equal($"bytes 10-109/{bytes.Length}", partial.Content.Headers.ContentRange!.ToString());
    }

    [Fact]
    public async Task APhotoLargerThanTheWorkersDefaultBodyLimitIs413Not502()
    {
        var id = (await (await Send(HttpMethod.Post, "/api/seizures", SeizureSamples.Valid().ToJsonString())).ReadObjectAsync())["id"]!.GetValue<string>();
        using var upload = new HttpRequestMessage(HttpMethod.Post, $"/api/seizures/{id}/photos")
        {
            // Chunked, so nothing refuses it before the bytes arrive: 31 MB, past ASP.NET Core's 30,000,000-byte default.
            Content = new StreamContent(new MemoryStream(new byte[31 * 1024 * 1024])),
        };
        upload.Content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        upload.Headers.TransferEncodingChunked = true;
        upload.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Supervisor);

        var response = await worker.Client.SendAsync(upload);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task QueueAndTimerInvocationsRunAndAFailingOneIsReportedAsFailed()
    {
        var id = (await (await Send(HttpMethod.Post, "/api/seizures", SeizureSamples.Valid().ToJsonString())).ReadObjectAsync())["id"]!.GetValue<string>();
        var recorded = System.Text.Json.JsonSerializer.Serialize(new RecordEvent(RecordEvent.IdFor(id, 1), RecordEventTypes.SeizureRecorded, id, 1, DateTimeOffset.UtcNow), EventJsonContext.Default.RecordEvent);

        var processed = await worker.Host.InvokeQueueAsync("SeizureEvents", recorded);
        var broken = await worker.Host.InvokeQueueAsync("SeizureEvents", "this is not an event", dequeueCount: 2);
        var relay = await worker.Host.InvokeTimerAsync("OutboxRelay");

        Assert.True(processed.Result.Status == StatusResult.Types.Status.Success, processed.Result.Exception?.Message + worker.Host.Output);
        Assert.Equal(StatusResult.Types.Status.Failure, broken.Result.Status);
        Assert.True(relay.Result.Status == StatusResult.Types.Status.Success, relay.Result.Exception?.Message);
    }

    private Task<HttpResponseMessage> Send(HttpMethod method, string path, string? json = null, EntityTagHeaderValue? ifNoneMatch = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Supervisor);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (ifNoneMatch is not null)
        {
            request.Headers.IfNoneMatch.Add(ifNoneMatch);
        }

        return worker.Client.SendAsync(request);
    }
}
