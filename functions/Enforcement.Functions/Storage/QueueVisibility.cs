namespace Enforcement.Functions.Storage;

/// <summary>The visibility delay of a scheduled queue message.</summary>
internal static class QueueVisibility
{
    /// <summary>The longest visibility delay Azure Queue storage accepts.</summary>
    public static readonly TimeSpan QueueMaximum = TimeSpan.FromDays(7);

    /// <summary>The delay kept between zero and <paramref name="max"/>, rounded up to whole seconds: the queue counts
    /// whole seconds, and rounding down would deliver a message before its time.</summary>
    public static TimeSpan Delay(TimeSpan delay, TimeSpan max)
    {
        var clamped = delay < TimeSpan.Zero ? TimeSpan.Zero : delay > max ? max : delay;
        return TimeSpan.FromSeconds(Math.Ceiling(clamped.TotalSeconds));
    }
}
