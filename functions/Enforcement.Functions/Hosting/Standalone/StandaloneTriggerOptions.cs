using Enforcement.Functions.Hosting;
namespace Enforcement.Functions.Hosting.Standalone;

/// <summary>How the app drives its own queue and timer triggers in standalone mode.</summary>
internal sealed class StandaloneTriggerOptions : IValidatedOptions
{
    public IEnumerable<string> Problems(IHostEnvironment environment)
    {
        if (MaxPollingInterval <= TimeSpan.Zero || ProcessingVisibility <= TimeSpan.Zero)
        {
            yield return "LocalTriggers:MaxPollingInterval and ProcessingVisibility must be positive.";
        }
    }

    public const string Section = "LocalTriggers";

    /// <summary>On by default in standalone mode; tests that invoke functions themselves switch it off.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Functions not to drive (tests that invoke them directly instead).</summary>
    public List<string> DisabledFunctions { get; set; } = [];

    /// <summary>The longest wait between polls of an empty queue (the host's default is a minute; locally we want snappy).</summary>
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a received message stays invisible while its function runs.</summary>
    public TimeSpan ProcessingVisibility { get; set; } = TimeSpan.FromMinutes(5);
}
