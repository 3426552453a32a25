using System.Diagnostics;
using System.Globalization;

namespace Enforcement.Bench;

/// <summary>CPU time used so far by this process (the benchmark client and the hosted app) and by the Azurite node
/// process it started, so each phase can say which side its time went to. Azurite's share is read from /proc (Linux).</summary>
internal sealed class CpuMeter
{
    // USER_HZ: the unit of utime and stime in /proc/<pid>/stat; 100 on every mainstream Linux.
    private const double ClockTicksPerSecond = 100;

    private readonly string? _azuriteStat = FindChildStat("node");

    public bool SeesAzurite => _azuriteStat is not null;

    public CpuSample Sample()
    {
        using var self = Process.GetCurrentProcess();
        return new CpuSample(self.TotalProcessorTime, ReadCpu(_azuriteStat));
    }

    private static TimeSpan ReadCpu(string? statPath)
    {
        if (statPath is null)
        {
            return TimeSpan.Zero;
        }

        try
        {
            var fields = StatFields(File.ReadAllText(statPath));
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / ClockTicksPerSecond);
        }
        catch (IOException)
        {
            return TimeSpan.Zero;
        }
    }

    /// <summary>The /proc stat file of this process's child with the given command name.</summary>
    private static string? FindChildStat(string command)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var self = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            var stat = Path.Combine(dir, "stat");
            try
            {
                var text = File.ReadAllText(stat);
                var comm = text[(text.IndexOf('(', StringComparison.Ordinal) + 1)..text.LastIndexOf(')')];
                if (comm == command && StatFields(text)[1] == self)
                {
                    return stat;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentOutOfRangeException)
            {
                // Not a process folder, or the process ended.
            }
        }

        return null;
    }

    /// <summary>The fields after "pid (comm)": [0] state, [1] ppid, ..., [11] utime, [12] stime.</summary>
    private static string[] StatFields(string stat) => stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
}

internal readonly record struct CpuSample(TimeSpan Process, TimeSpan Azurite)
{
    public static CpuSample operator -(CpuSample after, CpuSample before) => new(after.Process - before.Process, after.Azurite - before.Azurite);
}
