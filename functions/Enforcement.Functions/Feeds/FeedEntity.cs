using Azure;
using Azure.Data.Tables;

namespace Enforcement.Functions.Feeds;

/// <summary>
/// Table "feeds". PartitionKey = scope ("ALL" or a WCO region), RowKey = month "YYYY-MM": the latest published version
/// of each month, so listing a scope's months is one partition query. Pulls never read this table: they read the
/// month's pointer blob. <see cref="AnnouncedVersion"/> is the version whose feed.published event was enqueued, so a
/// build cut short between publishing and announcing announces on its next run.
/// The partition "~installation" (not a scope) holds the generated pseudonym key of a Development installation.
/// </summary>
internal sealed class FeedEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public int Version { get; set; }

    public DateTimeOffset GeneratedAt { get; set; }

    public int RecordCount { get; set; }

    public string ContentHash { get; set; } = string.Empty;

    /// <summary>The blob name of this version's manifest.json.</summary>
    public string ManifestPath { get; set; } = string.Empty;

    public int AnnouncedVersion { get; set; }
}
