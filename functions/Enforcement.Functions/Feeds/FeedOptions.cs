namespace Enforcement.Functions.Feeds;

internal sealed class FeedOptions
{
    public const string Section = "Feeds";

    /// <summary>
    /// The HMAC-SHA256 key behind the records' pseudonymous ids (at least 32 characters; in Azure a Key Vault reference).
    /// Changing it changes every id in every later feed. Optional in Development only, where a key generated once per
    /// installation is kept in the feeds table.
    /// </summary>
    public string? PseudonymKey { get; set; }

    /// <summary>How long a build request waits when another build of the same month holds the lock.</summary>
    public TimeSpan BusyRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many completed months the nightly run rebuilds (the previous month and the one before it).</summary>
    public int NightlyMonths { get; set; } = 2;
}
