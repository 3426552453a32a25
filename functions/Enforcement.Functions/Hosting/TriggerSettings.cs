using Enforcement.Functions.Storage;

namespace Enforcement.Functions.Hosting;

/// <summary>
/// The app settings that the [QueueTrigger("%Name%")] and [TimerTrigger("%Name%")] declarations name. Under the
/// Functions host they are app settings (the Bicep sets them); standalone they default to the values here. A queue
/// setting must name the queue the app writes to (StorageNames), so the app refuses to start when one differs.
/// </summary>
internal static class TriggerSettings
{
    public const string SeizureEventsQueue = "SeizureEventsQueue";
    public const string WebhookDeliveriesQueue = "WebhookDeliveriesQueue";
    public const string FeedBuildsQueue = "FeedBuildsQueue";
    public const string PhotoProcessingQueue = "PhotoProcessingQueue";
    public const string ImportJobsQueue = "ImportJobsQueue";
    public const string CaseDeadlinesQueue = "CaseDeadlinesQueue";
    public const string CaseBundlesQueue = "CaseBundlesQueue";
    public const string OutboxRelaySchedule = "OutboxRelaySchedule";
    public const string FeedBuilderSchedule = "FeedBuilderSchedule";
    public const string AuditAnchorSchedule = "AuditAnchorSchedule";
    public const string InboxFanOutQueue = "InboxFanOutQueue";
    public const string EscalationsQueue = "EscalationsQueue";
    public const string GroupPurgesQueue = "GroupPurgesQueue";
    public const string GroupSweepSchedule = "GroupSweepSchedule";

    public static readonly IReadOnlyDictionary<string, string> Queues = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [SeizureEventsQueue] = StorageNames.Queues.SeizureEvents,
        [WebhookDeliveriesQueue] = StorageNames.Queues.WebhookDeliveries,
        [FeedBuildsQueue] = StorageNames.Queues.FeedBuilds,
        [PhotoProcessingQueue] = StorageNames.Queues.PhotoProcessing,
        [ImportJobsQueue] = StorageNames.Queues.ImportJobs,
        [CaseDeadlinesQueue] = StorageNames.Queues.CaseDeadlines,
        [CaseBundlesQueue] = StorageNames.Queues.CaseBundles,
        [InboxFanOutQueue] = StorageNames.Queues.InboxFanOut,
        [EscalationsQueue] = StorageNames.Queues.Escalations,
        [GroupPurgesQueue] = StorageNames.Queues.GroupPurges,
    };

    /// <summary>Six-field NCRONTAB (seconds first), UTC.</summary>
    public static readonly IReadOnlyDictionary<string, string> Schedules = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [OutboxRelaySchedule] = "0 */1 * * * *",
        [FeedBuilderSchedule] = "0 30 2 * * *",
        [AuditAnchorSchedule] = "0 5 * * * *",
        [GroupSweepSchedule] = "0 10 * * * *",
    };

    public static IEnumerable<KeyValuePair<string, string?>> Defaults =>
        Queues.Concat(Schedules).Select(s => new KeyValuePair<string, string?>(s.Key, s.Value));

    /// <summary>Adds the defaults below every other configuration source, so app settings and tests still override.</summary>
    public static void AddDefaults(IConfigurationManager configuration) =>
        configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = Defaults });

    public static void EnsureValid(IConfiguration configuration)
    {
        var problems = Validate(configuration).ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Trigger settings are invalid: " + string.Join(" ", problems));
        }
    }

    public static IEnumerable<string> Validate(IConfiguration configuration) =>
        from queue in Queues
        let configured = configuration[queue.Key]
        where !string.Equals(configured, queue.Value, StringComparison.Ordinal)
        select $"App setting {queue.Key} is '{configured}', but the app writes to queue '{queue.Value}'.";
}
