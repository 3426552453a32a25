namespace Enforcement.Functions.Storage;

/// <summary>Every table, queue and container the app uses, with the configured isolation prefix applied.</summary>
internal sealed class StorageNames(string prefix)
{
    public static class Tables
    {
        public const string Seizures = "seizures";
        public const string SeizureFilters = "seizurefilters";
        public const string Idempotency = "idempotency";
        public const string Outbox = "outbox";
        public const string Audit = "audit";
        public const string ApiKeys = "apikeys";
        public const string Webhooks = "webhooks";
        public const string Deliveries = "deliveries";
        public const string Suspects = "suspects";
        public const string SuspectIndex = "suspectindex";
        public const string Companies = "companies";
        public const string CompanyIndex = "companyindex";
        public const string Links = "links";
        public const string Feeds = "feeds";
        public const string Photos = "photos";
        public const string DuplicateReviews = "duplicatereviews";
        public const string ImportJobs = "importjobs";
        public const string Statistics = "statistics";
        public const string Cases = "cases";
        public const string CaseLinks = "caselinks";
        public const string CaseMetrics = "casemetrics";
        public const string Alerts = "alerts";
        public const string AlertAudience = "alertaudience";
        public const string Groups = "groups";
        public const string GroupMembership = "groupmembership";
        public const string Inbox = "inbox";
        public const string Conveyances = "conveyances";
        public const string ConveyanceIndex = "conveyanceindex";
        public const string ConveyanceLinks = "conveyancelinks";
        public const string WatchLists = "watchlists";
        public const string WatchListIndex = "watchlistindex";
        public const string WatchListHits = "watchlisthits";
        public const string Screenings = "screenings";
        public const string RiskRules = "riskrules";

        public static readonly string[] All = [Seizures, SeizureFilters, Idempotency, Outbox, Audit, ApiKeys, Webhooks, Deliveries, Suspects, SuspectIndex, Companies, CompanyIndex, Links, Feeds, Photos, DuplicateReviews,
            ImportJobs, Statistics, Cases, CaseLinks, CaseMetrics, Alerts, AlertAudience, Groups, GroupMembership, Inbox,
            Conveyances, ConveyanceIndex, ConveyanceLinks, WatchLists, WatchListIndex, WatchListHits, Screenings, RiskRules];
    }

    /// <summary>The queues the app writes to; each is also the value of the app setting its trigger names
    /// (Hosting/TriggerSettings.cs, and the Bicep), which a test checks.</summary>
    public static class Queues
    {
        public const string SeizureEvents = "seizure-events";

        public const string WebhookDeliveries = "webhook-deliveries";

        public const string FeedBuilds = "feed-builds";

        public const string PhotoProcessing = "photo-processing";

        public const string ImportJobs = "import-jobs";
        /// <summary>Case reminders and statutory stage clocks: messages sent with a visibility delay until they are due.</summary>
        public const string CaseDeadlines = "case-deadlines";

        public const string CaseBundles = "case-bundles";
        /// <summary>New alerts and messages to write into their recipients' inboxes.</summary>
        public const string InboxFanOut = "inbox-fanout";

        /// <summary>Escalation rounds of unacknowledged urgent items, each hidden until its window has passed.</summary>
        public const string Escalations = "escalations";

        /// <summary>Operation groups whose retention has run out, to purge.</summary>
        public const string GroupPurges = "group-purges";

        public static readonly string[] All = [SeizureEvents, WebhookDeliveries, FeedBuilds, PhotoProcessing, ImportJobs, CaseDeadlines, CaseBundles, InboxFanOut, Escalations, GroupPurges];
    }

    public static class Containers
    {
        public const string Feeds = "feeds";

        /// <summary>Original photos, written once; immutable (WORM) in Azure.</summary>
        public const string PhotosOriginal = "photos-original";
        public const string PhotosDerived = "photos-derived";

        /// <summary>Staging blobs of upload sessions, deleted on completion (and by a lifecycle rule in Azure).</summary>
        public const string PhotoUploads = "photo-uploads";

        /// <summary>Audit chain heads, written once; immutable (WORM) in Azure, so a rewritten chain is caught.</summary>
        public const string AuditAnchors = "audit-anchors";

        /// <summary>Import files (uploaded through a SAS) and their result files, "{job id}/...".</summary>
        public const string Imports = "imports";
        /// <summary>Documents proving a case's stages, and disposal attachments, written once with their SHA-256.</summary>
        public const string CaseDocuments = "case-documents";

        /// <summary>Court bundles (ZIP and detached signature), written once.</summary>
        public const string CaseBundles = "case-bundles";

        public static readonly string[] All = [Feeds, PhotosOriginal, PhotosDerived, PhotoUploads, AuditAnchors, Imports, CaseDocuments, CaseBundles];
    }

    public string Prefix => prefix;

    /// <summary>Table names allow only letters and digits.</summary>
    public string Table(string name) => prefix + name;

    public string Queue(string name) => prefix.Length == 0 ? name : $"{prefix}-{name}";

    public string Container(string name) => prefix.Length == 0 ? name : $"{prefix}-{name}";
}
