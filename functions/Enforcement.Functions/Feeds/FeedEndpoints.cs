using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Enforcement.Functions.Audit;
using Enforcement.Functions.Http;
using Enforcement.Functions.Security;
using Enforcement.Functions.Seizures;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Enforcement.Functions.Feeds;

/// <summary>
/// The monthly intelligence feed over HTTP. RILOs pull their own WCO region's feed (their token's or API key's region);
/// analysts and admins pull the national feed or any region's with ?scope=. A month's files are served from its
/// immutable blobs with an ETag naming scope, month, version and file: If-None-Match is answered from the month's
/// pointer blob alone (no table, no file read, no audit entry since nothing is handed out).
/// </summary>
internal static class FeedEndpoints
{
    public static RouteGroupBuilder MapFeeds(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/feeds").WithTags("Feeds");
        group.MapGet("/", ListFeeds).WithName(nameof(ListFeeds)).RequireAuthorization(Policies.ReadFeeds)
            .WithSummary("The months with a feed in the caller's scope (rilo: their region; others: ?scope=, default ALL)");
        group.MapGet("/{month}", GetFeedManifest).WithName(nameof(GetFeedManifest)).RequireAuthorization(Policies.ReadFeeds)
            .Produces<FeedManifest>(StatusCodes.Status200OK, FeedFiles.JsonMediaType)
            .WithSummary("The manifest of a month's latest feed version");
        group.MapGet("/{month}/seizures", GetFeedSeizures).WithName(nameof(GetFeedSeizures)).RequireAuthorization(Policies.ReadFeeds)
            .Produces(StatusCodes.Status200OK, contentType: FeedFiles.JsonLinesMediaType, additionalContentTypes: [FeedFiles.CsvMediaType])
            .WithSummary("A month's seizures, non-nominal: JSON Lines (format=json) or CSV, one row per item (format=csv)");
        group.MapGet("/{month}/summary", GetFeedSummary).WithName(nameof(GetFeedSummary)).RequireAuthorization(Policies.ReadFeeds)
            .Produces<FeedSummary>(StatusCodes.Status200OK, FeedFiles.JsonMediaType)
            .WithSummary("A month's counts with changes against the previous month and the same month a year before");
        group.MapGet("/{month}/summary.svg", GetFeedSummaryChart).WithName(nameof(GetFeedSummaryChart)).RequireAuthorization(Policies.ReadFeeds)
            .Produces(StatusCodes.Status200OK, contentType: FeedSummaryCharts.SvgMediaType)
            .WithSummary("One chart of a month's summary as SVG: seizures by category, detection, concealment, conveyance, route or office (chart=), top 10, with the changes");
        group.MapGet("/{month}/summary.html", GetFeedSummaryPage).WithName(nameof(GetFeedSummaryPage)).RequireAuthorization(Policies.ReadFeeds)
            .Produces(StatusCodes.Status200OK, contentType: FeedSummaryCharts.HtmlMediaType)
            .WithSummary("A month's summary as a printable HTML page: totals, every chart (inline SVG) and the route table");
        group.MapPost("/{month}/rebuild", RebuildFeed).WithName(nameof(RebuildFeed)).RequireAuthorization(Policies.Administer)
            .WithSummary("Queue a rebuild of every scope of a month (admin)");
        return group;
    }

    public static async Task<Results<Ok<FeedMonthList>, ValidationProblem, ProblemHttpResult>> ListFeeds(
        HttpContext context, FeedStore store, Auditor auditor, [FromQuery] string? scope, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var requested = ReadScope(scope, errors);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        if (await ScopeOfCallerAsync(context, auditor, "feed.list", requested) is not { } resolved)
        {
            return RiloElsewhere(context);
        }

        await auditor.RecordAsync(context, "feed.list", [resolved], AuditOutcomes.Read);
        var rows = await store.ListMonthsAsync(resolved, cancellationToken);
        return TypedResults.Ok(new FeedMonthList(resolved, rows
            .OrderByDescending(r => r.RowKey, StringComparer.Ordinal)
            .Select(r => new FeedMonth(r.RowKey, r.Version, r.GeneratedAt, r.RecordCount, $"/api/feeds/{r.RowKey}?scope={resolved}"))
            .ToList()));
    }

    public static Task<Results<PushStreamHttpResult, StatusCodeHttpResult, ValidationProblem, ProblemHttpResult>> GetFeedManifest(
        string month, HttpContext context, FeedStore store, Auditor auditor, [FromQuery] string? scope, CancellationToken cancellationToken) =>
        ServeAsync(context, store, auditor, "feed.manifest", month, scope, FeedFiles.Manifest, [], cancellationToken);

    public static Task<Results<PushStreamHttpResult, StatusCodeHttpResult, ValidationProblem, ProblemHttpResult>> GetFeedSeizures(
        string month, HttpContext context, FeedStore store, Auditor auditor, [FromQuery] string? scope, [FromQuery] string? format, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var file = (format?.Trim().ToLowerInvariant() ?? "json") switch
        {
            "json" => FeedFiles.SeizuresJson,
            "csv" => FeedFiles.SeizuresCsv,
            _ => null,
        };
        if (file is null)
        {
            errors["format"] = ["Must be json (JSON Lines, the default) or csv."];
        }

        return ServeAsync(context, store, auditor, "feed.seizures", month, scope, file ?? FeedFiles.SeizuresJson, errors, cancellationToken);
    }

    public static Task<Results<PushStreamHttpResult, StatusCodeHttpResult, ValidationProblem, ProblemHttpResult>> GetFeedSummary(
        string month, HttpContext context, FeedStore store, Auditor auditor, [FromQuery] string? scope, CancellationToken cancellationToken) =>
        ServeAsync(context, store, auditor, "feed.summary", month, scope, FeedFiles.Summary, [], cancellationToken);

    public static async Task<Results<ContentHttpResult, StatusCodeHttpResult, ValidationProblem, ProblemHttpResult>> GetFeedSummaryChart(
        string month, HttpContext context, FeedStore store, Auditor auditor, [FromQuery] string? scope, [FromQuery] string? chart, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var name = chart?.Trim().ToLowerInvariant() ?? FeedSummaryCharts.DefaultChart;
        if (!FeedSummaryCharts.Charts.Contains(name))
        {
            errors["chart"] = [$"Must be one of {string.Join(", ", FeedSummaryCharts.Charts)} ({FeedSummaryCharts.DefaultChart} by default)."];
        }

        return await RenderSummaryAsync(context, store, auditor, "feed.summary.chart", month, scope, $"summary.{name}.svg", errors,
            summary => FeedSummaryCharts.Svg(summary, name), FeedSummaryCharts.SvgMediaType, cancellationToken);
    }

    public static Task<Results<ContentHttpResult, StatusCodeHttpResult, ValidationProblem, ProblemHttpResult>> GetFeedSummaryPage(
        string month, HttpContext context, FeedStore store, Auditor auditor, [FromQuery] string? scope, CancellationToken cancellationToken) =>
        RenderSummaryAsync(context, store, auditor, "feed.summary.page", month, scope, "summary.html", [],
            FeedSummaryCharts.Html, FeedSummaryCharts.HtmlMediaType, cancellationToken);

    public static async Task<Results<Accepted<FeedRebuildAccepted>, ValidationProblem>> RebuildFeed(
        string month, HttpContext context, FeedBuildRequests requests, Auditor auditor, TimeProvider time, CancellationToken cancellationToken)
    {
        // The latest local calendar (UTC+14) is the first to start a month; later months cannot hold seizures yet.
        if (!SeizureMonth.TryParse(month, out var parsed) || string.CompareOrdinal(parsed, FeedMonths.Of(time.GetUtcNow().AddHours(14))) > 0)
        {
            return Problems.Invalid(new Dictionary<string, string[]> { ["month"] = ["Must be a month as YYYY-MM, not after the current one."] });
        }

        await auditor.RecordAsync(context, "feed.rebuild", [parsed], AuditOutcomes.Authorized);
        await requests.EnqueueAsync(parsed, FeedBuildRequests.Requested, cancellationToken);
        return TypedResults.Accepted($"/api/feeds/{parsed}", new FeedRebuildAccepted(parsed, "queued"));
    }

    /// <summary>A month's latest feed version in the scope the caller may pull.</summary>
    private sealed record FeedVersion(string Scope, string Month, StoredPointer Latest)
    {
        public int Number => Latest.Pointer.Version;
    }

    /// <summary>What every read of a month's feed checks, in order: the month and scope (errors added to
    /// <paramref name="errors"/>), the caller's scope (a RILO elsewhere: 403, audited), the month's pointer (404).</summary>
    private static async Task<(FeedVersion? Found, ProblemHttpResult? Problem)> FindAsync(
        HttpContext context, FeedStore store, Auditor auditor, string operation, string month, string? scope,
        Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        if (!SeizureMonth.TryParse(month, out var parsedMonth))
        {
            errors["month"] = ["Must be a month as YYYY-MM, e.g. 2026-11."];
        }

        var requested = ReadScope(scope, errors);
        if (errors.Count > 0)
        {
            return (null, null);
        }

        if (await ScopeOfCallerAsync(context, auditor, operation, requested) is not { } resolved)
        {
            return (null, RiloElsewhere(context));
        }

        if (await store.GetPointerAsync(resolved, parsedMonth!, cancellationToken) is not { } latest)
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
                detail: $"There is no {resolved} feed for {parsedMonth} yet: feeds are built after a month ends."));
        }

        return (new FeedVersion(resolved, parsedMonth!, latest), null);
    }

    /// <summary>The version's validators; true when the client's If-None-Match already names this content.</summary>
    private static bool NotModified(HttpContext context, FeedVersion found, string file, bool gzip)
    {
        var headers = context.Response.Headers;
        headers.ETag = FeedFiles.ETagOf(found.Scope, found.Month, found.Number, file, gzip);
        headers.CacheControl = "private, no-cache";
        headers.LastModified = found.Latest.Pointer.GeneratedAt.ToString("R", CultureInfo.InvariantCulture);
        return IsCached(context.Request, found.Scope, found.Month, found.Number, file);
    }

    /// <summary>A page or chart drawn from the version's summary.json (its only input: counts, nothing nominal).</summary>
    private static async Task<Results<ContentHttpResult, StatusCodeHttpResult, ValidationProblem, ProblemHttpResult>> RenderSummaryAsync(
        HttpContext context, FeedStore store, Auditor auditor, string operation, string month, string? scope, string rendition,
        Dictionary<string, string[]> errors, Func<FeedSummary, string> render, string mediaType, CancellationToken cancellationToken)
    {
        var (found, problem) = await FindAsync(context, store, auditor, operation, month, scope, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        if (problem is not null)
        {
            return problem;
        }

        if (NotModified(context, found!, rendition, gzip: false))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        await auditor.RecordAsync(context, operation, [$"{found!.Scope}/{found.Month}"], AuditOutcomes.Read);
        var download = await store.OpenFileAsync(FeedFiles.PathOf(found.Scope, found.Month, found.Number, FeedFiles.Summary), cancellationToken);
        if (download is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"The {found.Scope} feed for {found.Month} is missing its {FeedFiles.Summary}.");
        }

        FeedSummary summary;
        await using (var stored = download.Content)
        await using (var content = string.Equals(download.Details.ContentEncoding, "gzip", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(stored, CompressionMode.Decompress) : stored)
        {
            summary = await JsonSerializer.DeserializeAsync(content, FeedJsonContext.Default.FeedSummary, cancellationToken)
                ?? throw new InvalidOperationException($"The {found.Scope} summary for {found.Month} is empty.");
        }

        return TypedResults.Content(render(summary), mediaType, Encoding.UTF8);
    }

    private static async Task<Results<PushStreamHttpResult, StatusCodeHttpResult, ValidationProblem, ProblemHttpResult>> ServeAsync(
        HttpContext context, FeedStore store, Auditor auditor, string operation, string month, string? scope, string file,
        Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        var (found, problem) = await FindAsync(context, store, auditor, operation, month, scope, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        if (problem is not null)
        {
            return problem;
        }

        var (resolved, parsedMonth, _) = found!;
        var version = found.Number;
        var gzip = AcceptsGzip(context.Request);
        var headers = context.Response.Headers;
        headers.Vary = HeaderNames.AcceptEncoding;
        if (NotModified(context, found, file, gzip))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        await auditor.RecordAsync(context, operation, [$"{resolved}/{parsedMonth}"], AuditOutcomes.Read);
        var download = await store.OpenFileAsync(FeedFiles.PathOf(resolved, parsedMonth, version, file), cancellationToken);
        if (download is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"The {resolved} feed for {parsedMonth} is missing its {file}.");
        }

        // The seizures files are stored gzip-compressed, the small JSON files plain: convert only when the client
        // asked for the other encoding.
        var storedGzip = string.Equals(download.Details.ContentEncoding, "gzip", StringComparison.OrdinalIgnoreCase);
        if (gzip)
        {
            headers.ContentEncoding = "gzip";
        }

        if (gzip == storedGzip)
        {
            headers.ContentLength = download.Details.ContentLength;
        }

        var downloadName = file is FeedFiles.SeizuresJson or FeedFiles.SeizuresCsv
            ? string.Create(CultureInfo.InvariantCulture, $"{resolved}-{parsedMonth}-v{version}-{file}")
            : null;
        return TypedResults.Stream(async body =>
        {
            await using var content = download.Content;
            if (gzip == storedGzip)
            {
                await content.CopyToAsync(body, context.RequestAborted);
            }
            else if (gzip)
            {
                await using var compressed = new GZipStream(body, CompressionLevel.Fastest, leaveOpen: true);
                await content.CopyToAsync(compressed, context.RequestAborted);
            }
            else
            {
                await using var decompressed = new GZipStream(content, CompressionMode.Decompress);
                await decompressed.CopyToAsync(body, context.RequestAborted);
            }
        }, FeedFiles.MediaTypeOf(file), downloadName);
    }

    private static string? ReadScope(string? scope, Dictionary<string, string[]> errors)
    {
        if (scope is null)
        {
            return null;
        }

        var normalized = scope.Trim().ToUpperInvariant();
        if (!FeedScopes.IsKnown(normalized))
        {
            errors["scope"] = [$"Must be {string.Join(", ", FeedScopes.All)} (ALL is the national feed; the others are WCO regions)."];
        }

        return normalized;
    }

    /// <summary>The scope the caller pulls: a RILO is pinned to its region (null, audited, when it asks for another);
    /// analysts and admins get what they ask for, the national feed by default.</summary>
    private static async Task<string?> ScopeOfCallerAsync(HttpContext context, Auditor auditor, string operation, string? requested)
    {
        var caller = context.Caller();
        if (caller.IsInRole(Roles.Analyst, Roles.Admin))
        {
            return requested ?? FeedScopes.National;
        }

        var region = caller.Region!;
        if (requested is not null && requested != region)
        {
            await auditor.RecordAsync(context, operation, [requested], AuditOutcomes.Forbidden);
            return null;
        }

        return region;
    }

    private static ProblemHttpResult RiloElsewhere(HttpContext context) =>
        Problems.Forbidden($"A RILO pulls the feed of its own WCO region ({context.Caller().Region}) only.");

    /// <summary>If-None-Match (weak comparison, as RFC 9110 says for it): either encoding's tag of the current version
    /// matches, both being the same content.</summary>
    private static bool IsCached(HttpRequest request, string scope, string month, int version, string file)
    {
        var plain = FeedFiles.ETagOf(scope, month, version, file, gzip: false);
        var compressed = FeedFiles.ETagOf(scope, month, version, file, gzip: true);
        foreach (var value in request.Headers.IfNoneMatch)
        {
            foreach (var tag in (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var opaque = tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag;
                if (opaque == "*" || opaque == plain || opaque == compressed)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool AcceptsGzip(HttpRequest request)
    {
        if (!StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptEncoding, out var codings))
        {
            return false;
        }

        var gzip = codings.FirstOrDefault(c => c.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase));
        var any = codings.FirstOrDefault(c => c.Value.Equals("*", StringComparison.Ordinal));
        var chosen = gzip ?? any;
        return chosen is not null && (chosen.Quality ?? 1) > 0;
    }
}
