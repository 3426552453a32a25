using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Enforcement.Tests.Webhooks;

/// <summary>
/// A partner's endpoint: a minimal Kestrel app on 127.0.0.1 (free port) that records every POST to /hooks/{name} and
/// answers with the statuses a test scripts for that name (the last one repeats; 204 when none is set).
/// </summary>
public sealed class TestReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int[]> _scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TimeSpan> _delays = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<ReceivedDelivery>> _received = new(StringComparer.Ordinal);

    private TestReceiver(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<TestReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var receiver = new TestReceiver(builder.Build());
        receiver._app.MapPost("/hooks/{name}", receiver.ReceiveAsync);
        await receiver._app.StartAsync();
        receiver.BaseAddress = new Uri(receiver._app.Urls.First());
        return receiver;
    }

    /// <summary>A URL for one test's subscription, so that its deliveries are counted apart from the others'.</summary>
    public string UrlFor(string name) => new Uri(BaseAddress, $"/hooks/{name}").ToString();

    public void Respond(string name, params int[] statuses) => _scripts[name] = statuses;

    /// <summary>Answers requests to this name only after the delay (a slow partner).</summary>
    public void Delay(string name, TimeSpan delay) => _delays[name] = delay;

    public IReadOnlyList<ReceivedDelivery> Received(string name) =>
        _received.TryGetValue(name, out var queue) ? queue.ToArray() : [];

    public Task<IReadOnlyList<ReceivedDelivery>> WaitForAsync(string name, int count, TimeSpan? timeout = null) =>
        WaitForAsync(name, r => r.Count >= count, timeout);

    public async Task<IReadOnlyList<ReceivedDelivery>> WaitForAsync(string name, Func<IReadOnlyList<ReceivedDelivery>, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var received = Received(name);
            if (done(received))
            {
                return received;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{name}: {received.Count} deliveries received, not what the test waited for.");
            }

            await Task.Delay(50);
        }
    }

    private async Task<IResult> ReceiveAsync(string name, HttpRequest request, HttpResponse response)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        var queue = _received.GetOrAdd(name, _ => new ConcurrentQueue<ReceivedDelivery>());
        int status;
        lock (queue)
        {
            var script = _scripts.TryGetValue(name, out var s) && s.Length > 0 ? s : [204];
            status = script[Math.Min(queue.Count, script.Length - 1)];
            queue.Enqueue(new ReceivedDelivery(
                request.Headers["webhook-id"].ToString(),
                request.Headers["webhook-timestamp"].ToString(),
                request.Headers["webhook-signature"].ToString(),
                request.ContentType,
                body,
                DateTimeOffset.UtcNow,
                status));
        }

        if (_delays.TryGetValue(name, out var delay))
        {
            await Task.Delay(delay);
        }

        if (status is >= 300 and < 400)
        {
            // Somewhere else on this receiver: a client that followed it would show up there.
            response.Headers.Location = new Uri(BaseAddress, $"/hooks/{name}-redirected").ToString();
        }

        return Results.StatusCode(status);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record ReceivedDelivery(string Id, string Timestamp, string Signature, string? ContentType, string Body, DateTimeOffset At, int AnsweredWith)
{
    public System.Text.Json.Nodes.JsonObject Json => (System.Text.Json.Nodes.JsonObject)System.Text.Json.Nodes.JsonNode.Parse(Body)!;
}
