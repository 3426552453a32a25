namespace Enforcement.Functions.Events;

internal sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>How old a pending entry must be before the relay publishes it (leaves in-flight requests alone).</summary>
    public TimeSpan RelayAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A pending entry whose record never committed is dropped after this long (far beyond any request).</summary>
    public TimeSpan AbandonAfter { get; set; } = TimeSpan.FromMinutes(15);
}
