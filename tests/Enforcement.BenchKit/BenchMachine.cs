using System.Globalization;
using System.Runtime;

namespace Enforcement.BenchKit;

/// <summary>Benchmarks share the machine: other builds and tests running alongside skew their figures, so every run says
/// how busy the machine was.</summary>
public static class BenchMachine
{
    public static string Describe(string when) => string.Create(CultureInfo.InvariantCulture,
        $"Machine {when}: {Environment.ProcessorCount} cores, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, load average (1/5/15 min) {LoadAverage()}");

    public static string LoadAverage() => File.Exists("/proc/loadavg")
        ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))
        : "n/a";
}
