using System.Globalization;
using System.Net;
using System.Text;

namespace Enforcement.Functions.Statistics;

/// <summary>The printable monthly report of one scope (an office, a port, a region or the nation): plain HTML with
/// inline SVG charts and print styles, no script.</summary>
internal static class StatisticsHtmlReport
{
    public static string Render(string scope, StatisticsPeriod month, StatisticsReport total, IReadOnlyList<(string Month, Measures Measures)> trend,
        StatisticsReport categories, StatisticsReport concealments, StatisticsReport detections, StatisticsReport routes, StatisticsReport transits)
    {
        var html = Open($"Seizures, {month}: {ScopeName(scope)}");
        html.Append("<p>Compared with ").Append(E(total.PreviousPeriod)).Append(" and with ").Append(E(total.YearAgoPeriod)).Append(". Non-nominal figures from the seizure records.</p>");

        var all = (total.Rows.Count > 0 ? total.Rows[0] : null)?.Current ?? Measures.None;
        var before = (total.Rows.Count > 0 ? total.Rows[0] : null)?.Previous ?? Measures.None;
        var yearAgo = (total.Rows.Count > 0 ? total.Rows[0] : null)?.YearAgo ?? Measures.None;
        html.Append("<section><h2>Totals</h2><table id=\"totals\"><tr><th></th><th>").Append(E(total.Period)).Append("</th><th>").Append(E(total.PreviousPeriod))
            .Append("</th><th>").Append(E(total.YearAgoPeriod)).Append("</th></tr>")
            .Append(Inv($"<tr><td>Seizures</td><td>{all.Count}</td><td>{before.Count}</td><td>{yearAgo.Count}</td></tr>"))
            .Append(Inv($"<tr><td>Kilogram-equivalent</td><td>{StatisticsRows.Format(all.KgEquivalent)}</td><td>{StatisticsRows.Format(before.KgEquivalent)}</td><td>{StatisticsRows.Format(yearAgo.KgEquivalent)}</td></tr>"));
        foreach (var currency in all.Values.Keys.Union(before.Values.Keys).Union(yearAgo.Values.Keys).Order(StringComparer.Ordinal))
        {
            html.Append(Inv($"<tr><td>Estimated value ({E(currency)})</td><td>{StatisticsRows.Format(all.Values.GetValueOrDefault(currency))}</td><td>{StatisticsRows.Format(before.Values.GetValueOrDefault(currency))}</td><td>{StatisticsRows.Format(yearAgo.Values.GetValueOrDefault(currency))}</td></tr>"));
        }

        html.Append("</table></section>");
        html.Append("<section><h2>Trend</h2>").Append(StatisticsCharts.TrendLine(trend, "Seizures per month")).Append("</section>");
        html.Append("<section><h2>Commodities</h2>").Append(StatisticsCharts.TopBars(categories, "Top commodity categories")).Append("</section>");
        html.Append("<section><h2>Concealment</h2>").Append(StatisticsCharts.TopBars(concealments, "Top concealment methods")).Append("</section>");
        html.Append("<section><h2>Detection</h2>").Append(StatisticsCharts.TopBars(detections, "Detection methods")).Append("</section>");
        html.Append("<section><h2>Routes</h2>");
        Table(html, "routes", "Route (departure → destination)", routes, key => key.Replace(">", " → ", StringComparison.Ordinal));
        Table(html, "transits", "Transit country", transits, key => key);
        html.Append("</section></body></html>");
        return html.ToString();
    }

    /// <summary>The start of a printable page (head, print styles, heading) that the feed summary's page shares.</summary>
    public static StringBuilder Open(string title) => new StringBuilder()
        .Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title>")
        .Append("<style>body{font-family:Helvetica,Arial,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}")
        .Append("td,th{border:1px solid #bbb;padding:4px 8px;text-align:right}td:first-child,th:first-child{text-align:left}")
        .Append("svg{max-width:100%;height:auto;display:block;margin:1em 0}@media print{body{margin:0}section{break-inside:avoid}}</style></head><body>")
        .Append("<h1>").Append(E(title)).Append("</h1>");

    private static void Table(StringBuilder html, string id, string heading, StatisticsReport report, Func<string, string> label)
    {
        html.Append("<table id=\"").Append(id).Append("\"><tr><th>").Append(E(heading)).Append("</th><th>Seizures</th><th>Change on ")
            .Append(E(report.PreviousPeriod)).Append("</th><th>").Append(E(report.YearAgoPeriod)).Append("</th><th>kg-eq.</th></tr>");
        foreach (var row in report.Rows)
        {
            html.Append(Inv($"<tr><td>{E(label(row.Key))}</td><td>{row.Current.Count}</td><td>{StatisticsCharts.Delta(row.Change.CountVsPrevious, row.Change.CountVsPreviousPercent)}</td><td>{row.YearAgo.Count}</td><td>{StatisticsRows.Format(row.Current.KgEquivalent)}</td></tr>"));
        }

        html.Append("</table>");
    }

    private static string ScopeName(string scope) => scope switch
    {
        StatisticsQueries.National => "national",
        _ when scope.StartsWith("region:", StringComparison.Ordinal) => "WCO region " + scope[7..],
        _ => "office " + scope[7..],
    };

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
