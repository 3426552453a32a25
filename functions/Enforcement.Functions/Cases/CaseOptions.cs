using System.ComponentModel.DataAnnotations;

namespace Enforcement.Functions.Cases;

/// <summary>Settings "Cases:*", validated on start.</summary>
internal sealed class CaseOptions
{
    /// <summary>Statutory clocks: days a case may stay in a stage before the next one is due (e.g. seizure → show-cause
    /// notice). A stage without an entry has no clock.</summary>
    public Dictionary<string, int> StageDeadlineDays { get; set; } = new(StringComparer.Ordinal)
    {
        [CaseCodes.Stage.Seized] = 180,
        [CaseCodes.Stage.InvestigationConcluded] = 30,
        [CaseCodes.Stage.ShowCauseIssued] = 120,
    };

    /// <summary>How long before a stage deadline (or a task's due time) the warning goes out.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "90.00:00:00")]
    public TimeSpan DeadlineWarning { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The longest visibility delay of a deadline message (the queue allows 7 days); a message that comes back
    /// before its time is sent again with the rest of the delay.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan MaxMessageDelay { get; set; } = TimeSpan.FromDays(7);

    [Range(1024, 100 * 1024 * 1024)]
    public long MaxDocumentBytes { get; set; } = 25 * 1024 * 1024;

    /// <summary>The ECDSA P-256 private key (PKCS#8 PEM) that signs court bundles; in Azure a Key Vault reference.
    /// Development generates one per installation when unset.</summary>
    public string? BundleSigningKey { get; set; }

    /// <summary>Upper bound of months a metrics query may span (one partition per month).</summary>
    [Range(1, 120)]
    public int MaxMetricsMonths { get; set; } = 36;
}
