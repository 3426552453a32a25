namespace Enforcement.Tests.Infrastructure;

/// <summary>
/// The clock every test app runs on: real time plus an offset a test moves forward with <see cref="Advance"/>, so
/// that expiry, deadlines and escalations are tested by moving time, never by waiting for it. It follows real time
/// (rather than standing still like a fully fake clock) because the rest of the app, Azurite's own clock included,
/// keeps running: a frozen clock would make fresh records look old to code that compares the two.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    /// <summary>Moves the app's time forward; time never goes back.</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _offsetTicks, by.Ticks);
    }
}
