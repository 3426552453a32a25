using System.Globalization;
using System.Net;
using Enforcement.Functions.Statistics;

namespace Enforcement.Functions.Feeds;

/// <summary>
/// The charts of a month's feed summary, drawn by the statistics charts (<see cref="StatisticsCharts"/>) from
/// summary.json alone: counts per category, method, conveyance mode, route and office, never a record, so nothing
/// nominal can appear (and seizures carry no handling codes: what a feed holds is what a RILO may see). A comparison
/// month without a feed is drawn without its bars and changes, not as zero.
/// </summary>
internal static class FeedSummaryCharts
{
    /// <summary>Bars per chart: the rows with the most seizures this month (summary.json keeps every row).</summary>
    public const int MaxBars = 10;

    public const string DefaultChart = "category";

    public const string SvgMediaType = "image/svg+xml";

    public const string HtmlMediaType = "text/html";

    private const string NotReported = "not reported";

    public static readonly string[] Charts = ["category", "detection", "concealment", "conveyance", "route", "office"];

    public static string Svg(FeedSummary summary, string chart)
    {
        var (title, report) = Report(summary, chart);
        return StatisticsCharts.TopBars(report, title, summary.Comparison.PreviousMonthAvailable, summary.Comparison.YearBeforeAvailable);
    }

    /// <summary>The printable page: totals, the six charts and the route table, plain HTML with inline SVG, no script.</summary>
    public static string Html(FeedSummary summary)
    {
        var comparison = summary.Comparison;
        var html = StatisticsHtmlReport.Open($"Feed summary, {summary.Month}: {ScopeName(summary.Scope)}");
        html.Append("<p>Compared with ").Append(Month(comparison.PreviousMonth, comparison.PreviousMonthAvailable)).Append(" and with ")
            .Append(Month(comparison.YearBefore, comparison.YearBeforeAvailable))
            .Append(". Counts from the month's non-nominal feed: no names, identity documents or narratives.</p>");

        var totals = summary.Totals;
        html.Append("<section><h2>Totals</h2><table id=\"totals\"><tr><th></th><th>").Append(E(summary.Month)).Append("</th><th>")
            .Append(E(comparison.PreviousMonth)).Append("</th><th>").Append(E(comparison.YearBefore)).Append("</th></tr>")
            .Append(Inv($"<tr><td>Seizures</td><td>{totals.Seizures}</td><td>{Earlier(totals.Seizures, totals.VsPreviousMonth?.Seizures)}</td><td>{Earlier(totals.Seizures, totals.VsYearBefore?.Seizures)}</td></tr>"))
            .Append(Inv($"<tr><td>Items</td><td>{totals.Items}</td><td>{Earlier(totals.Items, totals.VsPreviousMonth?.Items)}</td><td>{Earlier(totals.Items, totals.VsYearBefore?.Items)}</td></tr>"))
            .Append("</table></section>");

        foreach (var chart in Charts)
        {
            var (title, report) = Report(summary, chart);
            html.Append("<section><h2>").Append(E(title)).Append("</h2>")
                .Append(StatisticsCharts.TopBars(report, title, comparison.PreviousMonthAvailable, comparison.YearBeforeAvailable))
                .Append("</section>");
        }

        html.Append("<section><h2>Routes</h2><table id=\"routes\"><tr><th>Route (departure → destination)</th><th>Seizures</th><th>Change on ")
            .Append(E(comparison.PreviousMonth)).Append("</th><th>Change on ").Append(E(comparison.YearBefore)).Append("</th></tr>");
        foreach (var route in summary.ByRoute)
        {
            html.Append(Inv($"<tr><td>{E(RouteName(route))}</td><td>{route.Seizures}</td><td>{Change(route.VsPreviousMonth?.Seizures)}</td><td>{Change(route.VsYearBefore?.Seizures)}</td></tr>"));
        }

        return html.Append("</table></section></body></html>").ToString();
    }

    private static (string Title, StatisticsReport Report) Report(FeedSummary summary, string chart) => chart switch
    {
        "category" => ("Seizures by commodity category and unit", Of(summary, "category and unit",
            summary.ByCategoryAndUnit.Select(r => ($"{r.Category} ({r.Unit})", r.Seizures, r.VsPreviousMonth?.Seizures, r.VsYearBefore?.Seizures)))),
        "detection" => ("Seizures by detection method", Of(summary, "detection method", Keys(summary.ByDetectionMethod))),
        "concealment" => ("Seizures by concealment method", Of(summary, "concealment method", Keys(summary.ByConcealmentMethod))),
        "conveyance" => ("Seizures by conveyance mode", Of(summary, "conveyance mode", Keys(summary.ByConveyanceMode))),
        "route" => ("Seizures by route", Of(summary, "route",
            summary.ByRoute.Select(r => (RouteName(r), r.Seizures, r.VsPreviousMonth?.Seizures, r.VsYearBefore?.Seizures)))),
        "office" => ("Seizures by office", Of(summary, "office", Keys(summary.ByOffice))),
        _ => throw new ArgumentOutOfRangeException(nameof(chart), chart, "Not a feed summary chart."),
    };

    private static IEnumerable<(string, int, int?, int?)> Keys(IEnumerable<KeyCount> rows) =>
        rows.Select(r => (r.Key ?? NotReported, r.Seizures, r.VsPreviousMonth?.Seizures, r.VsYearBefore?.Seizures));

    /// <summary>The summary keeps this month's count and the changes; the earlier counts are the difference. A change
    /// that is null (no feed that month) gives a placeholder the chart does not draw.</summary>
    private static StatisticsReport Of(FeedSummary summary, string dimension, IEnumerable<(string Key, int Seizures, int? VsPrevious, int? VsYearBefore)> rows) =>
        new(summary.Scope, dimension, summary.Month, summary.Comparison.PreviousMonth, summary.Comparison.YearBefore, rows
            .Take(MaxBars)
            .Select(r =>
            {
                var (now, before, yearAgo) = (Count(r.Seizures), Count(r.Seizures - (r.VsPrevious ?? 0)), Count(r.Seizures - (r.VsYearBefore ?? 0)));
                return new StatisticsLine(r.Key, now, before, yearAgo, StatisticsChange.Between(now, before, yearAgo));
            })
            .ToList());

    private static Measures Count(long seizures) => Measures.None with { Count = seizures };

    private static string RouteName(RouteCount route) => $"{route.DepartureCountry ?? NotReported} → {route.DestinationCountry ?? NotReported}";

    private static string ScopeName(string scope) => scope == FeedScopes.National ? "national feed" : "WCO region " + scope;

    private static string Month(string month, bool available) => available ? E(month) : E(month) + " (no feed)";

    private static string Earlier(int now, int? change) => change is { } c ? (now - c).ToString(CultureInfo.InvariantCulture) : "no feed";

    private static string Change(int? change) => change is { } c ? (c > 0 ? "+" : string.Empty) + c.ToString(CultureInfo.InvariantCulture) : "no feed";

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
