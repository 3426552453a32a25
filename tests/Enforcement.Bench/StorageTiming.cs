using System.Globalization;

namespace Enforcement.Bench;

/// <summary>Adds up the app's <c>Server-Timing: storage;dur=12.3;desc="5 requests"</c> headers (with --server-timing),
/// to show how many storage requests a record really costs and how much of its latency they take.</summary>
internal sealed class StorageTiming
{
    private long _responses;
    private long _requests;
    private long _microseconds;
    private long _auditMicroseconds;

    public long Responses => Interlocked.Read(ref _responses);

    public double RequestsPerResponse => Responses == 0 ? 0 : (double)Interlocked.Read(ref _requests) / Responses;

    public double MillisecondsPerResponse => Responses == 0 ? 0 : Interlocked.Read(ref _microseconds) / 1000.0 / Responses;

    /// <summary>The app reports the wait for the audit trail's group commit apart (<c>audit;dur=</c>).</summary>
    public double AuditMillisecondsPerResponse => Responses == 0 ? 0 : Interlocked.Read(ref _auditMicroseconds) / 1000.0 / Responses;

    public void Add(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Server-Timing", out var values))
        {
            return;
        }

        var metrics = values.SelectMany(v => v.Split(',')).Select(m => m.Trim()).ToList();
        foreach (var audit in metrics.Where(m => m.StartsWith("audit;dur=", StringComparison.Ordinal)))
        {
            if (double.TryParse(audit["audit;dur=".Length..].Split(';')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var waited))
            {
                Interlocked.Add(ref _auditMicroseconds, (long)(waited * 1000));
            }
        }

        foreach (var metric in metrics.Where(m => m.StartsWith("storage;", StringComparison.Ordinal)))
        {
            double duration = 0;
            long requests = 0;
            foreach (var part in metric.Split(';').Skip(1))
            {
                var (name, value) = part.IndexOf('=', StringComparison.Ordinal) is var eq and > 0 ? (part[..eq].Trim(), part[(eq + 1)..].Trim().Trim('"')) : (part, "");
                if (name == "dur")
                {
                    double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out duration);
                }
                else if (name == "desc")
                {
                    long.TryParse(value.Split(' ')[0], NumberStyles.None, CultureInfo.InvariantCulture, out requests);
                }
            }

            Interlocked.Increment(ref _responses);
            Interlocked.Add(ref _requests, requests);
            Interlocked.Add(ref _microseconds, (long)(duration * 1000));
        }
    }
}
