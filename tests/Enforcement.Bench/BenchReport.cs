using System.Globalization;
using System.Text;

namespace Enforcement.Bench;

/// <summary>Count, elapsed, rate and latency percentiles of a phase, possibly over several rounds.</summary>
internal sealed record PhaseSummary(string Name, int Count, TimeSpan Elapsed, double P50, double P90, double P99, double Max, CpuSample Cpu)
{
    public double Rate => Count / Elapsed.TotalSeconds;

    public static PhaseSummary Of(string name, IReadOnlyList<PhaseResult> rounds)
    {
        var sorted = rounds.SelectMany(r => r.LatenciesMs).Order().ToArray();
        var elapsed = rounds.Aggregate(TimeSpan.Zero, (sum, r) => sum + r.Elapsed);
        var cpu = rounds.Aggregate(default(CpuSample), (sum, r) => new CpuSample(sum.Process + r.Cpu.Process, sum.Azurite + r.Cpu.Azurite));
        return new PhaseSummary(name, sorted.Length, elapsed, Percentile(sorted, 0.50), Percentile(sorted, 0.90), Percentile(sorted, 0.99), sorted[^1], cpu);
    }

    /// <summary>Nearest rank: the smallest latency that at least the fraction <paramref name="q"/> of operations did not exceed.</summary>
    public static double Percentile(double[] sorted, double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
}

internal static class BenchReport
{
    private static readonly CompositeFormat RowFormat = CompositeFormat.Parse("{0,-26} {1,7} {2,11} {3,12} {4,9} {5,9} {6,9} {7,9} {8,13} {9,13}");

    public static void PrintTable(IEnumerable<PhaseSummary> phases, bool seesAzurite)
    {
        Console.WriteLine(Row("phase", "count", "elapsed(s)", "rate(ops/s)", "p50(ms)", "p90(ms)", "p99(ms)", "max(ms)", "cpu/op .NET", "cpu/op Azurite"));
        foreach (var phase in phases)
        {
            Console.WriteLine(Row(phase.Name, phase.Count.ToString(CultureInfo.InvariantCulture), F(phase.Elapsed.TotalSeconds, "0.00"), F(phase.Rate, "0.0"),
                F(phase.P50, "0.00"), F(phase.P90, "0.00"), F(phase.P99, "0.00"), F(phase.Max, "0.00"),
                F(phase.Cpu.Process.TotalMilliseconds / phase.Count, "0.00") + " ms",
                seesAzurite ? F(phase.Cpu.Azurite.TotalMilliseconds / phase.Count, "0.00") + " ms" : "n/a"));
        }
    }

    public static void PrintRatios(PhaseSummary api, PhaseSummary raw, TimeSpan publishing)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"API / raw: rate {api.Rate / raw.Rate:0.00}x, p50 latency {api.P50 / raw.P50:0.00}x, p99 latency {api.P99 / raw.P99:0.00}x"));
        var drained = api.Count / (api.Elapsed + publishing).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"API until every event was published (outbox markers cleared {publishing.TotalSeconds:0.00} s after the last 201): {drained:0.0} /s, {drained / raw.Rate:0.00}x raw"));
        Console.WriteLine("Note: on the request path an API record costs 2 storage requests (the Idempotency-Key row insert and one");
        Console.WriteLine("      entity-group transaction: record, history row, key marker, outbox marker) plus a wait for its audit");
        Console.WriteLine("      entry's group-committed transaction; after the response the publisher writes the office listing rows");
        Console.WriteLine("      and the queue message and clears the markers, in batches. Against the raw phase's single insert;");
        Console.WriteLine("      plus HTTP, JWT validation, JSON parsing and validation. Both phases share one in-memory Azurite.");
    }

    public static void PrintBreakdown(PhaseSummary api, PhaseSummary replay, IReadOnlyList<(string Step, IReadOnlyList<double> LatenciesMs)> steps)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"API / direct requests: rate {api.Rate / replay.Rate:0.00}x, p50 latency {api.P50 / replay.P50:0.00}x (the rest is HTTP and the app itself)"));
        Console.WriteLine(Row("phase C step", "count", "", "mean(ms)", "p50(ms)", "p90(ms)", "p99(ms)", "max(ms)", "", ""));
        foreach (var (step, latencies) in steps)
        {
            var sorted = latencies.Order().ToArray();
            Console.WriteLine(Row("  " + step, sorted.Length.ToString(CultureInfo.InvariantCulture), "", F(sorted.Average(), "0.00"),
                F(PhaseSummary.Percentile(sorted, 0.50), "0.00"), F(PhaseSummary.Percentile(sorted, 0.90), "0.00"), F(PhaseSummary.Percentile(sorted, 0.99), "0.00"), F(sorted[^1], "0.00"), "", ""));
        }
    }

    public static void PrintFailures(string phase, IReadOnlyList<OperationFailure> failures)
    {
        if (failures.Count == 0)
        {
            return;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{phase}: {failures.Count} failed operations"));
        // Bodies differ in their trace ids, so group by status and show a few bodies of each.
        foreach (var group in failures.GroupBy(f => f.Status).OrderByDescending(g => g.Count()))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {group.Count()} x status {group.Key}, for example:"));
            foreach (var failure in group.Take(3))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    operation {failure.Index}: {failure.Detail}"));
            }
        }
    }

    private static string Row(params object[] cells) => string.Format(CultureInfo.InvariantCulture, RowFormat, cells);

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
