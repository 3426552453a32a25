using System.Globalization;
using System.Text;
using Enforcement.Functions.BulkImport;
using Enforcement.Functions.Http;
using Enforcement.Functions.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Enforcement.Functions.Statistics;

/// <summary>
/// Statistics from the aggregates: JSON for programs, SVG charts and a printable HTML report for people, and a CSV
/// export for BI tools (Power BI, Excel: "From Web" with the API key as the Authorization header). Each costs a few
/// reads of the aggregates table, whatever the number of records.
/// </summary>
internal static class StatisticsEndpoints
{
    public const int MaxTop = 100;
    public const int MaxTrendMonths = 36;
    public const int MaxExportPeriods = 60;

    public static RouteGroupBuilder MapStatistics(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/statistics").WithTags("Statistics").RequireAuthorization(Policies.ReadStatistics);
        group.MapGet("/", GetStatistics).WithName(nameof(GetStatistics))
            .WithSummary("Counts, quantities and values of one dimension in a month, quarter or year, with the previous period, the same period a year before and the changes");
        group.MapGet("/charts/top.svg", GetTopChart).WithName(nameof(GetTopChart)).Produces(StatusCodes.Status200OK, contentType: "image/svg+xml").WithSummary("The top values of a dimension as an SVG bar chart with period-on-period changes");
        group.MapGet("/charts/trend.svg", GetTrendChart).WithName(nameof(GetTrendChart)).Produces(StatusCodes.Status200OK, contentType: "image/svg+xml").WithSummary("Seizures per month as an SVG line chart");
        group.MapGet("/charts/top.png", GetTopChartPng).WithName(nameof(GetTopChartPng)).Produces(StatusCodes.Status200OK, contentType: "image/png")
            .WithSummary("The top-values bar chart as a PNG image, drawn from the same SVG (labels only where the host has fonts)");
        group.MapGet("/charts/trend.png", GetTrendChartPng).WithName(nameof(GetTrendChartPng)).Produces(StatusCodes.Status200OK, contentType: "image/png")
            .WithSummary("The monthly trend line chart as a PNG image, drawn from the same SVG (labels only where the host has fonts)");
        group.MapGet("/reports/{month}", GetMonthlyReport).WithName(nameof(GetMonthlyReport)).Produces(StatusCodes.Status200OK, contentType: "text/html").WithSummary("The printable monthly HTML report of an office, a region or the nation");
        group.MapGet("/export.csv", ExportStatistics).WithName(nameof(ExportStatistics)).Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithSummary("The aggregates of a range of periods as CSV, one line per figure, for BI tools");
        return group;
    }

    public static async Task<Results<Ok<StatisticsReport>, ValidationProblem, ProblemHttpResult>> GetStatistics(
        HttpContext context, StatisticsQueries queries, [FromQuery] string? period, [FromQuery] string? dimension, [FromQuery] string? scope, [FromQuery] string? top,
        CancellationToken cancellationToken)
    {
        var (query, problem) = Parse(context, period, dimension, scope, top);
        if (problem is not null)
        {
            return Problems.Invalid(problem);
        }

        if (query is null)
        {
            return Problems.NotFound("statistics scope");
        }

        return TypedResults.Ok(await queries.ReportAsync(query.Scope, query.Period, query.Dimension, query.Top, cancellationToken));
    }

    public static async Task<Results<ContentHttpResult, ValidationProblem, ProblemHttpResult>> GetTopChart(
        HttpContext context, StatisticsQueries queries, [FromQuery] string? period, [FromQuery] string? dimension, [FromQuery] string? scope, [FromQuery] string? top,
        CancellationToken cancellationToken)
    {
        var (query, problem) = Parse(context, period, dimension, scope, top ?? "10");
        if (problem is not null)
        {
            return Problems.Invalid(problem);
        }

        if (query is null)
        {
            return Problems.NotFound("statistics scope");
        }

        var report = await queries.ReportAsync(query.Scope, query.Period, query.Dimension, query.Top, cancellationToken);
        return TypedResults.Content(StatisticsCharts.TopBars(report, $"Seizures by {query.Dimension}, {query.Period}"), "image/svg+xml", Encoding.UTF8);
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> GetTopChartPng(
        HttpContext context, StatisticsQueries queries, [FromQuery] string? period, [FromQuery] string? dimension, [FromQuery] string? scope, [FromQuery] string? top,
        CancellationToken cancellationToken) =>
        AsPng(await GetTopChart(context, queries, period, dimension, scope, top, cancellationToken));

    public static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> GetTrendChartPng(
        HttpContext context, StatisticsQueries queries, [FromQuery] string? until, [FromQuery] string? months, [FromQuery] string? dimension, [FromQuery] string? value,
        [FromQuery] string? scope, CancellationToken cancellationToken) =>
        AsPng(await GetTrendChart(context, queries, until, months, dimension, value, scope, cancellationToken));

    private static Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult> AsPng(Results<ContentHttpResult, ValidationProblem, ProblemHttpResult> svg) => svg.Result switch
    {
        ContentHttpResult chart => TypedResults.File(StatisticsChartPng.Render(chart.ResponseContent!), "image/png"),
        ValidationProblem invalid => invalid,
        ProblemHttpResult problem => problem,
        _ => throw new InvalidOperationException("A chart handler returned an unexpected result."),
    };

    public static async Task<Results<ContentHttpResult, ValidationProblem, ProblemHttpResult>> GetTrendChart(
        HttpContext context, StatisticsQueries queries, [FromQuery] string? until, [FromQuery] string? months, [FromQuery] string? dimension, [FromQuery] string? value,
        [FromQuery] string? scope, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!StatisticsPeriod.TryParse(until, out var last) || last.Kind != StatisticsPeriod.Month)
        {
            errors["until"] = ["Required: the last month as YYYY-MM."];
        }

        var count = 12;
        if (months is not null && (!int.TryParse(months, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 2 or > MaxTrendMonths))
        {
            errors["months"] = [$"Must be a whole number from 2 to {MaxTrendMonths}."];
        }

        var dim = dimension?.Trim() ?? StatisticsDimensions.Total;
        if (!StatisticsDimensions.All.Contains(dim))
        {
            errors["dimension"] = [$"Must be one of {string.Join(", ", StatisticsDimensions.All)}."];
        }

        var key = dim == StatisticsDimensions.Total ? "all" : value?.Trim();
        if (key is null || key.Length is 0 or > 64 || key.Any(c => char.IsControl(c) || c is '/' or '\\' or '#' or '?'))
        {
            errors["value"] = ["Required with a dimension other than total: the value to follow, e.g. drugs, or AE>PK for a route."];
        }

        var parsedScope = StatisticsQueries.ParseScope(scope);
        if (parsedScope is null)
        {
            errors["scope"] = ["Must be all, region:{WCO region} or office:{office code}."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        if (!StatisticsQueries.MayRead(context.Caller(), parsedScope!))
        {
            return Problems.NotFound("statistics scope");
        }

        var trend = await queries.TrendAsync(parsedScope!, last!, count, dim, key!, cancellationToken);
        return TypedResults.Content(StatisticsCharts.TrendLine(trend, dim == StatisticsDimensions.Total ? "Seizures per month" : $"Seizures per month: {key}"), "image/svg+xml", Encoding.UTF8);
    }

    public static async Task<Results<ContentHttpResult, ValidationProblem, ProblemHttpResult>> GetMonthlyReport(
        string month, HttpContext context, StatisticsQueries queries, [FromQuery] string? scope, CancellationToken cancellationToken)
    {
        var (query, problem) = Parse(context, month, StatisticsDimensions.Total, scope, null);
        if (problem is not null)
        {
            return Problems.Invalid(problem);
        }

        if (query is null)
        {
            return Problems.NotFound("statistics scope");
        }

        if (query.Period.Kind != StatisticsPeriod.Month)
        {
            return Problems.Invalid(new Dictionary<string, string[]> { ["month"] = ["Must be a month as YYYY-MM."] });
        }

        var (s, p) = (query.Scope, query.Period);
        var total = queries.ReportAsync(s, p, StatisticsDimensions.Total, null, cancellationToken);
        var trend = queries.TrendAsync(s, p, 12, StatisticsDimensions.Total, "all", cancellationToken);
        var categories = queries.ReportAsync(s, p, StatisticsDimensions.Category, 10, cancellationToken);
        var concealments = queries.ReportAsync(s, p, StatisticsDimensions.ConcealmentMethod, 10, cancellationToken);
        var detections = queries.ReportAsync(s, p, StatisticsDimensions.DetectionMethod, 10, cancellationToken);
        var routes = queries.ReportAsync(s, p, StatisticsDimensions.Route, 20, cancellationToken);
        var transits = queries.ReportAsync(s, p, StatisticsDimensions.TransitCountry, 20, cancellationToken);
        var html = StatisticsHtmlReport.Render(s, p, await total, await trend, await categories, await concealments, await detections, await routes, await transits);
        return TypedResults.Content(html, "text/html", Encoding.UTF8);
    }

    public static async Task<Results<PushStreamHttpResult, ValidationProblem, ProblemHttpResult>> ExportStatistics(
        HttpContext context, StatisticsStore store, [FromQuery] string? from, [FromQuery] string? to, [FromQuery] string? scope, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!StatisticsPeriod.TryParse(from, out var first))
        {
            errors["from"] = ["Required: the first period, as YYYY-MM, YYYY-Qn or YYYY."];
        }

        var last = first;
        if (to is not null && (!StatisticsPeriod.TryParse(to, out last) || last.Kind != first?.Kind))
        {
            errors["to"] = ["Must be a period of the same kind as from."];
        }

        var periods = new List<StatisticsPeriod>();
        if (first is not null && last is not null && errors.Count == 0)
        {
            for (var p = last; periods.Count <= MaxExportPeriods && string.CompareOrdinal(p.ToString(), first.ToString()) >= 0; p = p.Previous())
            {
                periods.Insert(0, p);
            }

            if (periods.Count == 0 || periods.Count > MaxExportPeriods)
            {
                errors["to"] = [$"Must be from or later, at most {MaxExportPeriods} periods after it."];
            }
        }

        var parsedScope = StatisticsQueries.ParseScope(scope);
        if (parsedScope is null)
        {
            errors["scope"] = ["Must be all, region:{WCO region} or office:{office code}."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        if (!StatisticsQueries.MayRead(context.Caller(), parsedScope!))
        {
            return Problems.NotFound("statistics scope");
        }

        return TypedResults.Stream(async stream =>
        {
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false));
            await writer.WriteAsync("scope,periodKind,period,dimension,value,measure,unit,amount\r\n");
            foreach (var period in periods)
            {
                await foreach (var (dimension, value, measures) in store.AllRowsAsync(parsedScope!, period, cancellationToken))
                {
                    var prefix = string.Join(',', new[] { parsedScope!, period.Kind, period.ToString(), dimension, value }.Select(CsvRecords.Escape));
                    await writer.WriteAsync(Inv($"{prefix},count,,{measures.Count}\r\n"));
                    await writer.WriteAsync(Inv($"{prefix},kgEquivalent,kg,{StatisticsRows.Format(measures.KgEquivalent)}\r\n"));
                    foreach (var (unit, quantity) in measures.Quantities)
                    {
                        await writer.WriteAsync(Inv($"{prefix},quantity,{unit},{StatisticsRows.Format(quantity)}\r\n"));
                    }

                    foreach (var (currency, amount) in measures.Values)
                    {
                        await writer.WriteAsync(Inv($"{prefix},value,{currency},{StatisticsRows.Format(amount)}\r\n"));
                    }
                }
            }
        }, "text/csv; charset=utf-8");
    }

    private sealed record Query(string Scope, StatisticsPeriod Period, string Dimension, int? Top);

    private static (Query? Query, Dictionary<string, string[]>? Errors) Parse(HttpContext context, string? period, string? dimension, string? scope, string? top)
    {
        var errors = new Dictionary<string, string[]>();
        if (!StatisticsPeriod.TryParse(period, out var parsedPeriod))
        {
            errors["period"] = ["Required: a month (YYYY-MM), quarter (YYYY-Qn) or year (YYYY)."];
        }

        var dim = dimension?.Trim();
        if (dim is null || !StatisticsDimensions.All.Contains(dim))
        {
            errors["dimension"] = [$"Required: one of {string.Join(", ", StatisticsDimensions.All)}."];
        }

        var parsedScope = StatisticsQueries.ParseScope(scope);
        if (parsedScope is null)
        {
            errors["scope"] = ["Must be all, region:{WCO region} or office:{office code}."];
        }

        int? limit = null;
        if (top is not null)
        {
            if (!int.TryParse(top, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > MaxTop)
            {
                errors["top"] = [$"Must be a whole number from 1 to {MaxTop}."];
            }
            else
            {
                limit = n;
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        // A scope the caller may not read is reported as not found (Query null, no errors).
        return StatisticsQueries.MayRead(context.Caller(), parsedScope!) ? (new Query(parsedScope!, parsedPeriod!, dim!, limit), null) : (null, null);
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
