namespace Enforcement.Functions.Hosting.LocalTriggers;

/// <summary>How the app drives its own queue and timer triggers when no Functions host runs it.</summary>
internal sealed class LocalTriggerOptions
{
    public const string Section = "LocalTriggers";

    /// <summary>Defaults to on when standalone and off under the Functions host.</summary>
    public bool? Enabled { get; set; }

    /// <summary>Functions not to drive locally (tests that invoke them through the protocol instead).</summary>
    public List<string> DisabledFunctions { get; set; } = [];

    /// <summary>The longest wait between polls of an empty queue (the host's default is a minute; locally we want snappy).</summary>
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a received message stays invisible while its function runs.</summary>
    public TimeSpan ProcessingVisibility { get; set; } = TimeSpan.FromMinutes(5);
}
