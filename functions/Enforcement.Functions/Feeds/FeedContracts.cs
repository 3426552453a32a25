using System.Text.Json;
using System.Text.Json.Serialization;

namespace Enforcement.Functions.Feeds;

/// <summary>manifest.json: what a version of a month's feed holds, with each file's size and SHA-256 (of the stored,
/// uncompressed bytes) so a RILO can check what it downloaded.</summary>
public sealed record FeedManifest(
    string Scope,
    string Month,
    int Version,
    DateTimeOffset GeneratedAt,
    int RecordCount,
    int ItemCount,
    string ContentHash,
    IReadOnlyList<FeedFile> Files);

public sealed record FeedFile(string Name, string MediaType, long Size, string Sha256);

/// <summary>GET /api/feeds: the months that have a feed in the caller's scope, newest first.</summary>
public sealed record FeedMonthList(string Scope, IReadOnlyList<FeedMonth> Months);

public sealed record FeedMonth(string Month, int Version, DateTimeOffset GeneratedAt, int RecordCount, string Manifest);

public sealed record FeedRebuildAccepted(string Month, string Status);

/// <summary>"{scope}/{month}/latest.json": the version a month's feed is at, read by every pull (never a table).</summary>
internal sealed record FeedPointer(int Version, DateTimeOffset GeneratedAt, int RecordCount, string ContentHash);

/// <summary>The message on queue "feed-builds": build (or rebuild) every scope of one month.</summary>
internal sealed record FeedBuildRequest(string Month, string Reason, DateTimeOffset RequestedAt);

/// <summary>Manifests, summaries, pointers and messages: nulls are written (a null change means "no feed to compare with").</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(FeedManifest))]
[JsonSerializable(typeof(FeedSummary))]
[JsonSerializable(typeof(FeedPointer))]
[JsonSerializable(typeof(FeedBuildRequest))]
internal sealed partial class FeedJsonContext : JsonSerializerContext;

/// <summary>One compact line per record in seizures.json (JSON Lines); absent facts are left out, not null.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(FeedRecord))]
internal sealed partial class FeedRecordJsonContext : JsonSerializerContext;
