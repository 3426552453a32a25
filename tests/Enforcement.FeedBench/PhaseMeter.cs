using System.Diagnostics;

namespace Enforcement.FeedBench;

/// <summary>
/// Times a phase and samples memory while it runs (every 10 ms): the managed heap including garbage not yet collected
/// (this mostly shows the GC's allocation budgets), bytes allocated, the process working set, and CPU time.
/// A second, separate pass (<see cref="MeasureLiveAsync"/>) forces a full collection every 250 ms to see what the phase
/// really holds on to: that is the figure that would grow if records were kept. A long phase can take that figure in
/// the same pass instead (<c>liveEvery</c>: a forced full collection every so often, a small cost next to minutes).
/// </summary>
internal static class PhaseMeter
{
    private static long _lastLiveHeap;

    /// <summary>The live heap of the latest sample taken with <c>liveEvery</c> (0 before any), for progress lines.</summary>
    public static long LastLiveHeap => Interlocked.Read(ref _lastLiveHeap);

    public static async Task<PhaseResult> MeasureAsync(string name, Func<Task<int>> phase, TimeSpan? liveEvery = null)
    {
        Settle();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        long peakHeap = 0;
        long peakWorkingSet = 0;
        var liveSamples = new List<long>();
        var liveClock = Stopwatch.StartNew();
        var nextLive = liveEvery ?? TimeSpan.MaxValue;
        using var self = Process.GetCurrentProcess();
        var cpuBefore = self.TotalProcessorTime;
        var (records, elapsed) = await SampleWhileAsync(phase, TimeSpan.FromMilliseconds(10), tick =>
        {
            peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(forceFullCollection: false));
            if (tick % 5 == 0)
            {
                self.Refresh();
                peakWorkingSet = Math.Max(peakWorkingSet, self.WorkingSet64);
            }

            if (liveClock.Elapsed >= nextLive)
            {
                nextLive += liveEvery!.Value;
                var live = GC.GetTotalMemory(forceFullCollection: true);
                Interlocked.Exchange(ref _lastLiveHeap, live);
                liveSamples.Add(live);
            }
        });
        self.Refresh();
        return new PhaseResult(name, records, elapsed, self.TotalProcessorTime - cpuBefore, peakHeap, GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore, peakWorkingSet)
        {
            PeakLiveHeap = liveSamples.Count > 0 ? liveSamples.Max() : 0,
            MedianLiveHeap = liveSamples.Count > 0 ? liveSamples.Order().ElementAt(liveSamples.Count / 2) : 0,
        };
    }

    /// <summary>The largest heap left after a forced full collection while the phase runs (timing is not meaningful here).</summary>
    public static async Task<long> MeasureLiveAsync(Func<Task<int>> phase)
    {
        Settle();
        long peakLive = 0;
        await SampleWhileAsync(phase, TimeSpan.FromMilliseconds(250), _ => peakLive = Math.Max(peakLive, GC.GetTotalMemory(forceFullCollection: true)));
        return peakLive;
    }

    private static async Task<(int Records, TimeSpan Elapsed)> SampleWhileAsync(Func<Task<int>> phase, TimeSpan every, Action<int> sample)
    {
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            for (var tick = 0; !stop.IsCancellationRequested; tick++)
            {
                sample(tick);
                try
                {
                    await Task.Delay(every, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        });

        var watch = Stopwatch.StartNew();
        var records = await phase();
        watch.Stop();
        await stop.CancelAsync();
        await sampler;
        return (records, watch.Elapsed);
    }

    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}

internal sealed record PhaseResult(string Name, int Records, TimeSpan Elapsed, TimeSpan Cpu, long PeakHeap, long Allocated, long PeakWorkingSet)
{
    public long PeakLiveHeap { get; set; }

    /// <summary>The median of the live-heap samples: the level memory sits at, where the peak catches one moment (a
    /// chunk in flight, the outbox full).</summary>
    public long MedianLiveHeap { get; init; }
}
