using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Enforcement.WebhookBench;

/// <summary>
/// The partner's side, on 127.0.0.1: POST /hooks/{name} verifies the Standard Webhooks signature with the secret
/// registered for that name (its own HMAC code), counts each webhook-id once and answers 204 (401 when the signature
/// does not verify).
/// </summary>
internal sealed class BenchReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, byte[]> _keys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _arrivals = new(StringComparer.Ordinal);
    private int _rejected;

    private BenchReceiver(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public int Rejected => Volatile.Read(ref _rejected);

    public static async Task<BenchReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var receiver = new BenchReceiver(builder.Build());
        receiver._app.MapPost("/hooks/{name}", receiver.ReceiveAsync);
        await receiver._app.StartAsync();
        receiver.BaseAddress = new Uri(receiver._app.Urls.First());
        return receiver;
    }

    public string UrlFor(string name) => new Uri(BaseAddress, "/hooks/" + name).ToString();

    public void Register(string name, string secret) => _keys[name] = Convert.FromBase64String(secret["whsec_".Length..]);

    /// <summary>Stopwatch timestamps of first arrival, by webhook-id.</summary>
    public IReadOnlyDictionary<string, long> Arrivals => _arrivals;

    public int CountWithPrefix(string prefix) => _arrivals.Keys.Count(k => k.StartsWith(prefix, StringComparison.Ordinal));

    private async Task<IResult> ReceiveAsync(string name, HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var id = request.Headers["webhook-id"].ToString();
        var timestamp = request.Headers["webhook-timestamp"].ToString();
        if (!_keys.TryGetValue(name, out var key) || !Verifies(key, id, timestamp, request.Headers["webhook-signature"].ToString(), body))
        {
            Interlocked.Increment(ref _rejected);
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }

        _arrivals.TryAdd(name + "|" + id, Stopwatch.GetTimestamp());
        return Results.NoContent();
    }

    private static bool Verifies(byte[] key, string id, string timestamp, string header, string body)
    {
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - seconds) > 300)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes("v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}"))));
        return header.Split(' ').Any(s => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s), expected));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
