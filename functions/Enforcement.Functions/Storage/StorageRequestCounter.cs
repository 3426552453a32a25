using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Enforcement.Functions.Storage;

/// <summary>Counts and times every HTTP request the storage SDK clients send (retries included) for the current
/// HTTP request, so that the Server-Timing header shows what each API call cost.</summary>
internal sealed class StorageRequestCounter : HttpPipelinePolicy
{
    private static readonly AsyncLocal<StorageRequestTally?> CurrentTally = new();
    private static long _total;

    /// <summary>Every storage request this process sent, background work included (for benchmarks).</summary>
    public static long Total => Interlocked.Read(ref _total);

    public static StorageRequestTally? Current => CurrentTally.Value;

    public static StorageRequestTally BeginTally() => CurrentTally.Value = new StorageRequestTally();

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            ProcessNext(message, pipeline);
        }
        finally
        {
            Interlocked.Increment(ref _total);
            CurrentTally.Value?.Add(Stopwatch.GetElapsedTime(started));
        }
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await ProcessNextAsync(message, pipeline);
        }
        finally
        {
            Interlocked.Increment(ref _total);
            CurrentTally.Value?.Add(Stopwatch.GetElapsedTime(started));
        }
    }
}

internal sealed class StorageRequestTally
{
    private int _count;
    private long _ticks;
    private long _auditTicks;

    /// <summary>Time spent waiting for audit entries to be stored. The audit trail's group commit writes for many
    /// requests at once, off this request's tally; it is reported apart.</summary>
    public TimeSpan AuditWait => TimeSpan.FromTicks(Interlocked.Read(ref _auditTicks));

    public void AddAuditWait(TimeSpan waited) => Interlocked.Add(ref _auditTicks, waited.Ticks);

    public int Count => Volatile.Read(ref _count);

    public TimeSpan Duration => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

    public void Add(TimeSpan elapsed)
    {
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _ticks, elapsed.Ticks);
    }
}
