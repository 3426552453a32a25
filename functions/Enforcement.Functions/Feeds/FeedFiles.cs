using System.Globalization;

namespace Enforcement.Functions.Feeds;

/// <summary>
/// Blob names in container "feeds": "{scope}/{month}/v{version}/{file}" for the immutable files of a version (written
/// once with If-None-Match: *, never overwritten) and "{scope}/{month}/latest.json" for the pointer to the latest one.
/// </summary>
internal static class FeedFiles
{
    public const string Manifest = "manifest.json";
    public const string SeizuresJson = "seizures.json";
    public const string SeizuresCsv = "seizures.csv";
    public const string Summary = "summary.json";
    public const string Pointer = "latest.json";

    public const string JsonLinesMediaType = "application/x-ndjson";
    public const string CsvMediaType = "text/csv; charset=utf-8; header=present";
    public const string JsonMediaType = "application/json";

    public static string MediaTypeOf(string file) => file switch
    {
        SeizuresJson => JsonLinesMediaType,
        SeizuresCsv => CsvMediaType,
        _ => JsonMediaType,
    };

    public static string MonthFolder(string scope, string month) => $"{scope}/{month}/";

    public static string VersionFolder(string scope, string month, int version) =>
        string.Create(CultureInfo.InvariantCulture, $"{scope}/{month}/v{version}/");

    public static string PathOf(string scope, string month, int version, string file) => VersionFolder(scope, month, version) + file;

    public static string PointerOf(string scope, string month) => MonthFolder(scope, month) + Pointer;

    public static string LockOf(string month) => $"_locks/{month}";

    /// <summary>The HTTP entity tag of a file of a version: derived from the request and the pointer alone, so that
    /// If-None-Match is answered without reading the file or any table.</summary>
    public static string ETagOf(string scope, string month, int version, string file, bool gzip) =>
        string.Create(CultureInfo.InvariantCulture, $"\"{scope}.{month}.v{version}.{file}{(gzip ? ".gz" : string.Empty)}\"");
}
