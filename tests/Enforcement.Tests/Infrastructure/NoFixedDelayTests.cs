using System.Text.RegularExpressions;

namespace Enforcement.Tests.Infrastructure;

/// <summary>
/// A test that sleeps and then asserts passes on a fast machine and fails on a slow one, and "nothing more arrived
/// after a second" cannot catch a late duplicate. Tests advance <see cref="TestClock"/> or wait on stored state
/// (<see cref="SeizureSamples.EventuallyAsync{T}"/>, <see cref="EnforcementApp.QueuesDrainedAsync"/>); the only
/// delays left are the poll intervals of those waits, listed here with their reasons.
/// </summary>
public sealed partial class NoFixedDelayTests
{
    private static readonly Dictionary<string, (int Count, string Reason)> Allowed = new(StringComparer.Ordinal)
    {
        ["Infrastructure/SeizureSamples.cs"] = (1, "the poll interval of EventuallyAsync, which ends on a stored condition"),
        ["Webhooks/TestReceiver.cs"] = (2, "the poll interval of WaitForAsync, and a receiver scripted to answer slowly (the behaviour under test)"),
        ["Diagnostics/TelemetryTests.cs"] = (1, "the exporter sends on its own timer; the test keeps requesting until the batch arrives"),
        ["Hosting/WorkerProcess/FunctionsHostStandIn.cs"] = (1, "retries connecting to a worker process that is still starting"),
    };

    [Fact]
    public void NoTestWaitsAFixedTimeBeforeAsserting()
    {
        var root = Path.Combine(Repository.Root, "tests", "Enforcement.Tests");
        var found = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.EndsWith(nameof(NoFixedDelayTests) + ".cs", StringComparison.Ordinal))
            .Select(f => (File: Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'), Count: Delay().Count(File.ReadAllText(f))))
            .Where(f => f.Count > 0);

        var unexplained = found
            .Where(f => !Allowed.TryGetValue(f.File, out var allowed) || f.Count > allowed.Count)
            .Select(f => $"{f.File}: {f.Count} Task.Delay/Thread.Sleep")
            .ToList();

        Assert.True(unexplained.Count == 0, "Wait on stored state or advance the TestClock instead: " + string.Join("; ", unexplained));
    }

    [GeneratedRegex(@"\b(Task\.Delay|Thread\.Sleep)\s*\(")]
    private static partial Regex Delay();
}
