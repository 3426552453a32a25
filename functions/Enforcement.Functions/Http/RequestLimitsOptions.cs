using Enforcement.Functions.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Enforcement.Functions.Http;

/// <summary>
/// How long a request may take to arrive. Two parts: the server's own limits (header timeout, minimum body data
/// rate), applied to whichever Kestrel receives the request through <see cref="ApplyTo"/>, and the app's body
/// deadlines (<see cref="RequestBodyDeadlines"/>), which run in the pipeline and so hold in every hosting mode.
/// </summary>
internal sealed class RequestLimitsOptions : IValidatedOptions
{
    public const string Section = "RequestLimits";

    /// <summary>A body that sends nothing for this long is cut off with 408.</summary>
    public int BodyIdleTimeoutSeconds { get; set; } = 10;

    /// <summary>The slowest upload worth waiting for: 16 KiB/s (about 130 kbit/s, a poor 2G/EDGE link). A body must
    /// arrive within its length at this rate (at least <see cref="MinBodyDeadlineSeconds"/>): a 25 MB photo gets
    /// about 27 minutes. Slower links use an upload session, which resumes.</summary>
    public int MinBodyBytesPerSecond { get; set; } = 16 * 1024;

    /// <summary>The whole-body deadline of a small body.</summary>
    public int MinBodyDeadlineSeconds { get; set; } = 30;

    /// <summary>The longest a body without Content-Length (chunked) is expected to be, to size its deadline.</summary>
    public long MaxUndeclaredBodyBytes { get; set; } = 26 * 1024 * 1024;

    /// <summary>The time a client has to send the request line and headers.</summary>
    public int RequestHeadersTimeoutSeconds { get; set; } = 15;

    public TimeSpan BodyIdleTimeout => TimeSpan.FromSeconds(BodyIdleTimeoutSeconds);

    /// <summary>The whole-body deadline for a body of this declared length (or the largest undeclared one).</summary>
    public TimeSpan BodyDeadlineFor(long? contentLength) =>
        TimeSpan.FromSeconds(Math.Max(MinBodyDeadlineSeconds, (double)(contentLength ?? MaxUndeclaredBodyBytes) / MinBodyBytesPerSecond));

    /// <summary>
    /// The server-level part. Standalone, <see cref="RequestLimitsRegistration.AddRequestLimits"/> calls it for the
    /// app's Kestrel; in worker mode it must be called for the worker's own Kestrel too.
    /// </summary>
    public void ApplyTo(KestrelServerOptions kestrel)
    {
        kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(RequestHeadersTimeoutSeconds);

        // Kestrel's rate check averages over the whole body (default 240 B/s after 5 s), so a body that stalls
        // after a good start is held for minutes; with our rate it gives up close to the app's idle timeout.
        kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(MinBodyBytesPerSecond, BodyIdleTimeout);
    }

    public IEnumerable<string> Problems(IHostEnvironment environment) => Violations(this);

    public static IEnumerable<string> Violations(RequestLimitsOptions o)
    {
        // Kestrel requires a grace period above its one-second heartbeat.
        if (o.BodyIdleTimeoutSeconds is < 2 or > 120)
        {
            yield return "RequestLimits:BodyIdleTimeoutSeconds must be 2 to 120.";
        }

        if (o.MinBodyBytesPerSecond is < 1024 or > 10 * 1024 * 1024)
        {
            yield return "RequestLimits:MinBodyBytesPerSecond must be 1024 to 10485760.";
        }

        if (o.MinBodyDeadlineSeconds < o.BodyIdleTimeoutSeconds || o.MinBodyDeadlineSeconds > 600)
        {
            yield return "RequestLimits:MinBodyDeadlineSeconds must be at least the idle timeout and at most 600.";
        }

        if (o.MaxUndeclaredBodyBytes < 1)
        {
            yield return "RequestLimits:MaxUndeclaredBodyBytes must be positive.";
        }

        if (o.RequestHeadersTimeoutSeconds is < 2 or > 120)
        {
            yield return "RequestLimits:RequestHeadersTimeoutSeconds must be 2 to 120.";
        }
    }
}
