using Enforcement.Functions.Hosting;
namespace Enforcement.Functions.Events;

internal sealed class OutboxOptions : IValidatedOptions
{
    public IEnumerable<string> Problems(IHostEnvironment environment)
    {
        if (RelayAfter < TimeSpan.Zero || RelayAfter > TimeSpan.FromMinutes(10))
        {
            yield return "Outbox:RelayAfter must be 0 to 10 minutes (a dead process's events wait this long).";
        }

        if (AbandonAfter < RelayAfter)
        {
            yield return "Outbox:AbandonAfter must be at least Outbox:RelayAfter, or staged writes would be dropped before their commit is relayed.";
        }

        if (RelayMonths is < 1 or > 24)
        {
            yield return "Outbox:RelayMonths must be 1 to 24.";
        }

        if (MaxWaiting is < 1 or > 100_000)
        {
            yield return "Outbox:MaxWaiting must be 1 to 100000 (markers held in memory for the publisher).";
        }
    }

    public const string Section = "Outbox";

    /// <summary>How old an unpublished entry must be before the relay publishes it (leaves the publisher's in-flight
    /// work alone).</summary>
    public TimeSpan RelayAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A staged entry whose write never committed is dropped after this long (far beyond any request).</summary>
    public TimeSpan AbandonAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How many calendar months (the current one included) of partitions the relay scans for markers; a
    /// write to an older partition stages a copy of its marker instead. Also how long an outage may last before
    /// unpublished events need an operator.</summary>
    public int RelayMonths { get; set; } = 3;

    /// <summary>How many committed events may wait in memory for the publisher: past it a request's event is left in
    /// the outbox for the relay and an import waits for room, so memory stays flat whatever the import's size.</summary>
    public int MaxWaiting { get; set; } = 4096;
}
