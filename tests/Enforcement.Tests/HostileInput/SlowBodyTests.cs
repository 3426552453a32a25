using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Enforcement.Tests.Infrastructure;

namespace Enforcement.Tests.HostileInput;

/// <summary>A client that goes quiet in the middle of its body is answered 408 within the configured idle timeout,
/// and the connection is closed; before, it was held for about (bytes sent / 240) seconds.</summary>
public sealed class SlowBodyTests(HostileInputApp fixture) : IClassFixture<HostileInputApp>
{
    /// <summary>The idle timeout plus room for a busy shared machine.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(HostileInputApp.IdleTimeoutSeconds + 3);

    [Fact]
    public async Task AJsonBodyThatStopsBeforeItsLengthIsCutOffWith408WithinTheIdleTimeout()
    {
        var head = Encoding.UTF8.GetBytes("{\"narrative\":\"" + new string('x', 60_000));

        var (status, headers, elapsed) = await SendPartialAsync("POST", "/api/seizures", "application/json", head, declaredLength: head.Length + 2_000);

        Assert.Equal(408, status);
        Assert.Contains("content-type: application/problem+json", headers, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("connection: close", headers, StringComparison.OrdinalIgnoreCase);
        Assert.InRange(elapsed, TimeSpan.FromSeconds(HostileInputApp.IdleTimeoutSeconds - 0.5), Bound);
    }

    [Fact]
    public async Task APhotoThatStopsBeforeItsLengthIsCutOffWith408WithinTheIdleTimeout()
    {
        var head = Photos.TestPhotos.Jpeg()[..4_000];

        var (status, headers, elapsed) = await SendPartialAsync("POST", $"/api/seizures/{fixture.SeizureId}/photos", "image/jpeg", head, declaredLength: 180_000);

        Assert.Equal(408, status);
        Assert.Contains("content-type: application/problem+json", headers, StringComparison.OrdinalIgnoreCase);
        Assert.InRange(elapsed, TimeSpan.FromSeconds(HostileInputApp.IdleTimeoutSeconds - 0.5), Bound);
    }

    [Fact]
    public async Task AMultipartPhotoThatStopsInsideAPartIsCutOffWith408WithinTheIdleTimeout()
    {
        var head = Encoding.ASCII.GetBytes("--b0\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n")
            .Concat(Photos.TestPhotos.Jpeg()[..2_000]).ToArray();

        var (status, _, elapsed) = await SendPartialAsync("POST", $"/api/seizures/{fixture.SeizureId}/photos", "multipart/form-data; boundary=b0", head, declaredLength: 100_000);

        Assert.Equal(408, status);
        Assert.InRange(elapsed, TimeSpan.FromSeconds(HostileInputApp.IdleTimeoutSeconds - 0.5), Bound);
    }

    /// <summary>Sends the request line, headers and part of the body on a raw socket, then waits for the answer.</summary>
    private Task<(int Status, string Headers, TimeSpan Elapsed)> SendPartialAsync(string method, string path, string contentType, byte[] head, int declaredLength) =>
        SendSlowlyAsync(fixture.App, method, path, contentType, head, declaredLength, trickle: null);

    /// <summary>Sends the head of a request on a raw socket, then, with <paramref name="trickle"/>, a byte at that
    /// interval (never idle long enough for the idle timeout), and waits for the answer.</summary>
    internal static async Task<(int Status, string Headers, TimeSpan Elapsed)> SendSlowlyAsync(EnforcementApp app, string method, string path, string contentType,
        byte[] head, int declaredLength, TimeSpan? trickle)
    {
        var address = app.BaseAddress;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        var stream = tcp.GetStream();
        var token = TestTokens.Create("supervisor", "PKKHI");
        var request = $"{method} {path} HTTP/1.1\r\nHost: {address.Authority}\r\nAuthorization: Bearer {token}\r\nContent-Type: {contentType}\r\nContent-Length: {declaredLength}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        await stream.WriteAsync(head);
        await stream.FlushAsync();
        var clock = Stopwatch.StartNew();

        using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var stopTrickle = CancellationTokenSource.CreateLinkedTokenSource(giveUp.Token);
        var trickling = trickle is { } interval ? TrickleAsync(stream, interval, stopTrickle.Token) : Task.CompletedTask;
        var received = new StringBuilder();
        var buffer = new byte[4096];
        while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, giveUp.Token);
            if (read == 0)
            {
                break;
            }

            received.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        var elapsed = clock.Elapsed;
        await stopTrickle.CancelAsync();
        await trickling;
        var text = received.ToString();
        var status = text.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) ? int.Parse(text.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture) : 0;
        return (status, text, elapsed);
    }

    private static async Task TrickleAsync(NetworkStream stream, TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await stream.WriteAsync("x"u8.ToArray(), cancellationToken);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The server answered and closed the connection, or the test is done.
        }
    }
}
