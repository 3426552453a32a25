using System.Diagnostics;

namespace Enforcement.FeedBench;

/// <summary>
/// Times a phase and samples memory while it runs (every 10 ms): the managed heap including garbage not yet collected
/// (which mostly shows the GC's gen0 budget), the heap that survived the latest collection (what the phase holds on
/// to: this is what would grow if records were kept), and the process working set.
/// </summary>
internal static class PhaseMeter
{
    public static async Task<PhaseResult> MeasureAsync(string name, Func<Task<int>> phase)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        long peakHeap = baseline;
        long peakLive = 0;
        long peakWorkingSet = 0;
        var gcBefore = GC.GetGCMemoryInfo().Index;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            using var process = Process.GetCurrentProcess();
            for (var tick = 0; !stop.IsCancellationRequested; tick++)
            {
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(forceFullCollection: false));
                var lastGc = GC.GetGCMemoryInfo();
                if (lastGc.Index > gcBefore)
                {
                    peakLive = Math.Max(peakLive, lastGc.HeapSizeBytes - lastGc.FragmentedBytes);
                }

                if (tick % 5 == 0)
                {
                    process.Refresh();
                    peakWorkingSet = Math.Max(peakWorkingSet, process.WorkingSet64);
                }

                try
                {
                    await Task.Delay(10, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        });

        using var self = Process.GetCurrentProcess();
        var cpuBefore = self.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var records = await phase();
        watch.Stop();
        self.Refresh();
        var cpu = self.TotalProcessorTime - cpuBefore;
        await stop.CancelAsync();
        await sampler;
        return new PhaseResult(name, records, watch.Elapsed, cpu, peakHeap, peakLive, GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore, peakWorkingSet);
    }
}

internal sealed record PhaseResult(string Name, int Records, TimeSpan Elapsed, TimeSpan Cpu, long PeakHeap, long PeakLiveHeap, long Allocated, long PeakWorkingSet);
