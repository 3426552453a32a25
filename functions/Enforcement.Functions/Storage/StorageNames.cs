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
        public const string Conveyances = "conveyances";
        public const string ConveyanceIndex = "conveyanceindex";
        public const string ConveyanceLinks = "conveyancelinks";
        public const string WatchLists = "watchlists";
        public const string WatchListIndex = "watchlistindex";
        public const string WatchListHits = "watchlisthits";
        public const string Screenings = "screenings";
        public const string RiskRules = "riskrules";

        public static readonly string[] All = [Seizures, SeizureFilters, Idempotency, Outbox, Audit, ApiKeys, Webhooks, Deliveries, Suspects, SuspectIndex, Companies, CompanyIndex, Links, Feeds, Photos, DuplicateReviews,
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

        public static readonly string[] All = [SeizureEvents, WebhookDeliveries, FeedBuilds, PhotoProcessing];
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

        public static readonly string[] All = [Feeds, PhotosOriginal, PhotosDerived, PhotoUploads, AuditAnchors];
    }

    public string Prefix => prefix;

    /// <summary>Table names allow only letters and digits.</summary>
    public string Table(string name) => prefix + name;

    public string Queue(string name) => prefix.Length == 0 ? name : $"{prefix}-{name}";

    public string Container(string name) => prefix.Length == 0 ? name : $"{prefix}-{name}";
}
