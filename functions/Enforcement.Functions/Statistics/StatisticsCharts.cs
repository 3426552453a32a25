using System.Globalization;
using System.Net;
using System.Text;

namespace Enforcement.Functions.Statistics;

/// <summary>
/// Charts as self-contained SVG (no script, no external fonts or styles): they render in any browser or image
/// viewer, print, and embed in the HTML report. Every bar and point carries its figures as data-* attributes and in
/// a &lt;title&gt;, so the numbers are readable by screen readers and checkable by tests.
/// </summary>
internal static class StatisticsCharts
{
    private const int Width = 760;
    private const int LabelWidth = 210;
    private const int BarHeight = 22;
    private const int Gap = 8;
    private const int Top = 48;

    /// <param name="previousKnown">False when there are no figures for the previous period (e.g. a month without a
    /// feed): its bars, changes and data-previous/data-change attributes are left out rather than drawn as zero.</param>
    /// <param name="yearAgoKnown">The same for the period a year before (data-year-ago).</param>
    public static string TopBars(StatisticsReport report, string title, bool previousKnown = true, bool yearAgoKnown = true)
    {
        var max = Math.Max(1, report.Rows.Count == 0 ? 1 : report.Rows.Max(r => Math.Max(r.Current.Count, previousKnown ? r.Previous.Count : 0)));
        var height = Top + (report.Rows.Count * (BarHeight + Gap)) + 40;
        var svg = Open(height, title, $"{report.Dimension}, {report.Period} against {report.PreviousPeriod} and {report.YearAgoPeriod}, scope {report.Scope}");
        var span = Width - LabelWidth - 190;
        var y = Top;
        foreach (var row in report.Rows)
        {
            var current = (int)Math.Round(span * (double)row.Current.Count / max);
            var previous = (int)Math.Round(span * (double)row.Previous.Count / max);
            var delta = previousKnown ? Delta(row.Change.CountVsPrevious, row.Change.CountVsPreviousPercent) : null;
            svg.Append(Inv($"<g class=\"bar\" data-key=\"{E(row.Key)}\" data-count=\"{row.Current.Count}\""));
            svg.Append(previousKnown ? Inv($" data-previous=\"{row.Previous.Count}\" data-change=\"{row.Change.CountVsPrevious}\"") : string.Empty);
            svg.Append(yearAgoKnown ? Inv($" data-year-ago=\"{row.YearAgo.Count}\"") : string.Empty).Append('>');
            var comparisons = string.Join("; ", new[]
            {
                previousKnown ? Inv($"{delta} on {E(report.PreviousPeriod)}") : null,
                yearAgoKnown ? Inv($"{row.YearAgo.Count} in {E(report.YearAgoPeriod)}") : null,
            }.OfType<string>());
            svg.Append(Inv($"<title>{E(row.Key)}: {row.Current.Count}{(comparisons.Length > 0 ? $" ({comparisons})" : string.Empty)}</title>"));
            svg.Append(Inv($"<text x=\"{LabelWidth - 8}\" y=\"{y + 16}\" text-anchor=\"end\">{E(row.Key)}</text>"));
            svg.Append(Inv($"<rect x=\"{LabelWidth}\" y=\"{y}\" width=\"{Math.Max(current, 1)}\" height=\"{BarHeight - 6}\" fill=\"#1f5f8b\"/>"));
            if (previousKnown)
            {
                svg.Append(Inv($"<rect x=\"{LabelWidth}\" y=\"{y + BarHeight - 6}\" width=\"{Math.Max(previous, 1)}\" height=\"4\" fill=\"#9bb7cc\"/>"));
            }

            svg.Append(Inv($"<text x=\"{LabelWidth + Math.Max(current, 1) + 6}\" y=\"{y + 14}\">{row.Current.Count}{(delta is null ? string.Empty : $" ({delta})")}</text>"));
            svg.Append("</g>");
            y += BarHeight + Gap;
        }

        var legend = previousKnown
            ? $"Dark: {E(report.Period)}. Light: {E(report.PreviousPeriod)}. In brackets: change on {E(report.PreviousPeriod)}."
            : $"{E(report.Period)}. No figures for {E(report.PreviousPeriod)} to compare with.";
        svg.Append(Inv($"<text x=\"{LabelWidth}\" y=\"{y + 20}\" font-size=\"11\" fill=\"#555\">{legend}</text>"));
        return Close(svg);
    }

    public static string TrendLine(IReadOnlyList<(string Month, Measures Measures)> points, string title)
    {
        const int height = 300;
        const int left = 60, right = 20, plotTop = 50, plotBottom = 250;
        var max = Math.Max(1, points.Count == 0 ? 1 : points.Max(p => p.Measures.Count));
        var step = points.Count > 1 ? (double)(Width - left - right) / (points.Count - 1) : 0;
        var svg = Open(height, title, $"Seizures per month, {(points.Count > 0 ? points[0].Month : string.Empty)} to {(points.Count > 0 ? points[^1].Month : string.Empty)}");
        svg.Append(Inv($"<line x1=\"{left}\" y1=\"{plotBottom}\" x2=\"{Width - right}\" y2=\"{plotBottom}\" stroke=\"#999\"/>"));
        svg.Append(Inv($"<text x=\"{left - 6}\" y=\"{plotTop + 4}\" text-anchor=\"end\" font-size=\"11\">{max}</text>"));
        svg.Append(Inv($"<text x=\"{left - 6}\" y=\"{plotBottom + 4}\" text-anchor=\"end\" font-size=\"11\">0</text>"));
        var coordinates = points.Select((p, i) => (X: left + (i * step), Y: plotBottom - ((plotBottom - plotTop) * (double)p.Measures.Count / max))).ToList();
        svg.Append("<polyline fill=\"none\" stroke=\"#1f5f8b\" stroke-width=\"2\" points=\"")
            .AppendJoin(' ', coordinates.Select(c => Inv($"{c.X:0.#},{c.Y:0.#}")))
            .Append("\"/>");
        for (var i = 0; i < points.Count; i++)
        {
            var (x, y) = coordinates[i];
            svg.Append(Inv($"<g class=\"point\" data-month=\"{points[i].Month}\" data-count=\"{points[i].Measures.Count}\" data-kg=\"{StatisticsRows.Format(points[i].Measures.KgEquivalent)}\">"));
            svg.Append(Inv($"<title>{points[i].Month}: {points[i].Measures.Count} seizures, {StatisticsRows.Format(points[i].Measures.KgEquivalent)} kg-equivalent</title>"));
            svg.Append(Inv($"<circle cx=\"{x:0.#}\" cy=\"{y:0.#}\" r=\"3.5\" fill=\"#1f5f8b\"/>"));
            svg.Append(Inv($"<text x=\"{x:0.#}\" y=\"{y - 8:0.#}\" text-anchor=\"middle\" font-size=\"11\">{points[i].Measures.Count}</text>"));
            svg.Append(Inv($"<text x=\"{x:0.#}\" y=\"{plotBottom + 18}\" text-anchor=\"middle\" font-size=\"10\">{points[i].Month[2..]}</text>"));
            svg.Append("</g>");
        }

        return Close(svg);
    }

    public static string Delta(long change, decimal? percent) =>
        Inv($"{(change >= 0 ? "+" : string.Empty)}{change}") + (percent is { } p ? Inv($", {(p >= 0 ? "+" : string.Empty)}{p:0.0}%") : string.Empty);

    private static StringBuilder Open(int height, string title, string description) => new StringBuilder()
        .Append(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" role=\"img\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"13\">"))
        .Append(Inv($"<title>{E(title)}</title><desc>{E(description)}</desc>"))
        .Append(Inv($"<rect width=\"{Width}\" height=\"{height}\" fill=\"#fff\"/>"))
        .Append(Inv($"<text x=\"10\" y=\"24\" font-size=\"16\" font-weight=\"bold\">{E(title)}</text>"));

    private static string Close(StringBuilder svg) => svg.Append("</svg>").ToString();

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
