using System.Diagnostics;
using System.Globalization;
using Enforcement.BenchKit;
using Enforcement.FeedBench;

namespace Enforcement.ImportBench;

/// <summary>
/// Prints a phase's progress every few seconds while it runs (rows done, elapsed, rows/s, working set, and the live
/// heap of the latest forced collection when the phase samples it), flushed, so a long run shows where it is, which
/// phase is slow and whether memory creeps.
/// </summary>
internal sealed class ProgressLine : IAsyncDisposable
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(5);

    private readonly string _phase;
    private readonly long _total;
    private readonly Func<Task<long>> _done;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _printer;

    private ProgressLine(string phase, long total, Func<Task<long>> done)
    {
        (_phase, _total, _done) = (phase, total, done);
        Print($"{_phase}: started ({_total:N0} rows)");
        _printer = Task.Run(PrintAsync);
    }

    public static ProgressLine Start(string phase, long total, Func<Task<long>> done) => new(phase, total, done);

    public static ProgressLine Start(string phase, long total, Func<long> done) => new(phase, total, () => Task.FromResult(done()));

    public static void Print(string line)
    {
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{DateTime.UtcNow:HH:mm:ss}] {line}"));
        Console.Out.Flush();
    }

    private async Task PrintAsync()
    {
        using var timer = new PeriodicTimer(Every);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                await PrintProgressAsync("");
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task PrintProgressAsync(string suffix)
    {
        var done = await _done();
        var seconds = _clock.Elapsed.TotalSeconds;
        using var self = Process.GetCurrentProcess();
        var live = PhaseMeter.LastLiveHeap;
        Print(string.Create(CultureInfo.InvariantCulture,
            $"{_phase}: {done:N0}/{_total:N0} rows, {seconds:0.0}s, {(seconds > 0 ? done / seconds : 0):N0} rows/s, working set {BenchFigures.Mb(self.WorkingSet64)}{(live > 0 ? ", live heap " + BenchFigures.Mb(live) : string.Empty)}{suffix}"));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _printer;
        await PrintProgressAsync(" (done)");
        _stop.Dispose();
    }
}
