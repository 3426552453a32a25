using System.Collections.Concurrent;
using System.Diagnostics;

namespace Enforcement.Bench;

/// <summary>What one operation reported when it did not succeed: a status (0 for an exception) and what came back.</summary>
internal sealed record OperationFailure(int Index, int Status, string Detail);

/// <summary>Latencies (ms, in operation order) and wall-clock time of one measured phase.</summary>
internal sealed record PhaseResult(string Name, double[] LatenciesMs, TimeSpan Elapsed, CpuSample Cpu, IReadOnlyList<OperationFailure> Failures)
{
    public int Count => LatenciesMs.Length;
}

/// <summary>Runs a fixed number of operations with a fixed number of workers, each taking the next operation as soon
/// as its previous one finished (closed loop), and times every operation.</summary>
internal static class LoadPhase
{
    /// <summary>An operation returns null on success, or why it failed.</summary>
    public static async Task<PhaseResult> RunAsync(
        string name, int count, int concurrency, Func<int, CancellationToken, Task<OperationFailure?>> operation, CpuMeter cpu, CancellationToken cancellationToken)
    {
        var latencies = new double[count];
        var failures = new ConcurrentQueue<OperationFailure>();
        var next = -1;
        var cpuBefore = cpu.Sample();
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, Math.Min(concurrency, count)).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < count)
            {
                var begun = Stopwatch.GetTimestamp();
                OperationFailure? failure;
                try
                {
                    failure = await operation(index, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    failure = new OperationFailure(index, 0, $"{ex.GetType().Name}: {ex.Message}");
                }

                latencies[index] = Stopwatch.GetElapsedTime(begun).TotalMilliseconds;
                if (failure is not null)
                {
                    failures.Enqueue(failure);
                }
            }
        }, cancellationToken)).ToList();
        await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(started);
        return new PhaseResult(name, latencies, elapsed, cpu.Sample() - cpuBefore, failures.OrderBy(f => f.Index).ToList());
    }
}
