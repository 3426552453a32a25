using Enforcement.Functions.Hosting;
namespace Enforcement.Functions.Feeds;

internal sealed class FeedOptions : IValidatedOptions
{
    public IEnumerable<string> Problems(IHostEnvironment environment)
    {
        if (string.IsNullOrWhiteSpace(PseudonymKey) && !environment.IsDevelopment())
        {
            yield return "Feeds:PseudonymKey must be set (a secret of at least 32 characters; in Azure a Key Vault reference).";
        }

        if (PseudonymKey is not null && PseudonymKey.Length < 32)
        {
            yield return "Feeds:PseudonymKey must be at least 32 characters.";
        }

        if (PseudonymKey is not null && PseudonymKey.StartsWith("@Microsoft.KeyVault(", StringComparison.Ordinal))
        {
            yield return "Feeds:PseudonymKey is an unresolved Key Vault reference: set the secret and grant the app's identity access.";
        }
    }

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
