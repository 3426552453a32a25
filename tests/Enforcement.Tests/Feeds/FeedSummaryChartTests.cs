using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Enforcement.Tests.Infrastructure;

namespace Enforcement.Tests.Feeds;

/// <summary>
/// The feed summary's charts (summary.svg, summary.html) on the hand-computed fixture of <see cref="FeedSummaryTests"/>:
/// June 2025 against May 2025 and June 2024, every figure the one summary.json holds, nothing nominal.
/// <code>
/// 2024-06  Y1 PKLHE      canine               air  AF→AE  drugs 10 kg
/// 2025-05  P1 PKKHI-APFT nii-scan             sea  AE→PK  drugs 5 kg
///          P2 PKLHE      physical-examination road AF→PK  tobacco 1000 sticks
/// 2025-06  T1 PKKHI-APFT nii-scan             sea  AE→PK  drugs 24.5 kg + drugs 0.5 kg
///          T2 PKKHI-APFT nii-scan             sea  CN→PK  precursors 200 kg + drugs 1 kg
///          T3 PKLHE      canine               air  AF→AE  drugs 2 kg
/// </code>
/// Every seizure carries a narrative naming a courier and his passport, a container, a vessel and a bill of lading.
/// </summary>
public sealed partial class FeedSummaryChartTests(FeedSummaryChartTests.ThreeMonths fixture) : IClassFixture<FeedSummaryChartTests.ThreeMonths>
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>What must never leave in a feed: the sample's names, document numbers and conveyance identifiers.</summary>
    private static readonly string[] Nominal = ["Siddiqui", "Muhammad", "AB1234567", "CSQU3054383", "9074729", "BL-778812", "Found during"];

    public sealed class ThreeMonths : AppFixture
    {
        public List<string> SeizureIds { get; } = [];

        protected override IDictionary<string, string?> Settings => FeedTestKit.HostDrivenFeeds();

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await Seed("2024-06-15T10:00:00+05:00", "PKLHE", "canine", "air", "AF", "AE", ("drugs", 10m, "kg"));
            await Seed("2025-05-10T10:00:00+05:00", "PKKHI-APFT", "nii-scan", "sea", "AE", "PK", ("drugs", 5m, "kg"));
            await Seed("2025-05-20T10:00:00+05:00", "PKLHE", "physical-examination", "road", "AF", "PK", ("tobacco", 1000m, "sticks"));
            await Seed("2025-06-02T10:00:00+05:00", "PKKHI-APFT", "nii-scan", "sea", "AE", "PK", ("drugs", 24.5m, "kg"), ("drugs", 0.5m, "kg"));
            await Seed("2025-06-12T10:00:00+05:00", "PKKHI-APFT", "nii-scan", "sea", "CN", "PK", ("precursors", 200m, "kg"), ("drugs", 1m, "kg"));
            await Seed("2025-06-28T10:00:00+05:00", "PKLHE", "canine", "air", "AF", "AE", ("drugs", 2m, "kg"));
            await App.BuildAsync("2024-06");
            await App.BuildAsync("2025-05");
            await App.BuildAsync("2025-06");
        }

        private async Task Seed(string seizedAt, string office, string detection, string mode, string from, string to, params (string Category, decimal Quantity, string Unit)[] items)
        {
            var seizure = FeedTestKit.Seizure(seizedAt, from, to);
            seizure["office"] = office;
            seizure["detectionMethod"] = detection;
            seizure["conveyance"]!["mode"] = mode;
            seizure["narrative"] = "Found during a scan. Courier Muhammad Imran Siddiqui, passport AB1234567, said the bricks were his.";
            seizure["items"] = new JsonArray(items.Select(i => (JsonNode)new JsonObject
            {
                ["category"] = i.Category, ["description"] = "Seized goods", ["quantity"] = i.Quantity, ["unit"] = i.Unit,
            }).ToArray());
            SeizureIds.Add(await App.RecordAsync(seizure));
        }
    }

    [Fact]
    public async Task EachChartIsValidSvgWhoseBarsAreTheSummarysHandComputedFigures()
    {
        var detection = await ChartAsync(fixture.Analyst, "/api/feeds/2025-06/summary.svg?chart=detection");
        var category = await ChartAsync(fixture.Analyst, "/api/feeds/2025-06/summary.svg");
        var routes = await ChartAsync(fixture.Analyst, "/api/feeds/2025-06/summary.svg?chart=route&scope=ALL");
        var offices = await ChartAsync(fixture.Analyst, "/api/feeds/2025-06/summary.svg?chart=office");

        // "key count previous yearAgo change": previous = count - change on 2025-05, yearAgo = count - change on 2024-06.
        Assert.Equal(["nii-scan 2 1 0 +1", "canine 1 0 1 +1", "physical-examination 0 1 0 -1"], Bars(detection));
        Assert.Equal(["drugs (kg) 3 1 1 +2", "precursors (kg) 1 0 0 +1", "tobacco (sticks) 0 1 0 -1"], Bars(category));
        Assert.Equal(["AE → PK 1 1 0 0", "AF → AE 1 0 1 +1", "CN → PK 1 0 0 +1", "AF → PK 0 1 0 -1"], Bars(routes));
        Assert.Equal(["PKKHI-APFT 2 1 0 +1", "PKLHE 1 1 1 0"], Bars(offices));
        Assert.Contains(detection.Descendants(Svg + "text"), t => t.Value == "2 (+1, +100.0%)");
        Assert.Equal("Seizures by detection method", detection.Root!.Element(Svg + "title")!.Value);
    }

    [Fact]
    public async Task EveryChartSaysWhatTheSummaryJsonSays()
    {
        var summary = JsonNode.Parse(await fixture.Analyst.GetStringAsync("/api/feeds/2025-06/summary?scope=ALL"))!.AsObject();

        foreach (var (chart, dimension) in new[]
                 {
                     ("category", "byCategoryAndUnit"), ("detection", "byDetectionMethod"), ("concealment", "byConcealmentMethod"),
                     ("conveyance", "byConveyanceMode"), ("route", "byRoute"), ("office", "byOffice"),
                 })
        {
            var drawn = Bars(await ChartAsync(fixture.Analyst, $"/api/feeds/2025-06/summary.svg?chart={chart}"));

            var expected = summary[dimension]!.AsArray().Select(n => n!.AsObject()).Take(10).Select(row =>
            {
                var key = dimension switch
                {
                    "byCategoryAndUnit" => $"{row["category"]} ({row["unit"]})",
                    "byRoute" => $"{row["departureCountry"] ?? "not reported"} → {row["destinationCountry"] ?? "not reported"}",
                    _ => row["key"]?.GetValue<string>() ?? "not reported",
                };
                var count = row["seizures"]!.GetValue<int>();
                var previous = row["vsPreviousMonth"]!["seizures"]!.GetValue<int>();
                var yearAgo = row["vsYearBefore"]!["seizures"]!.GetValue<int>();
                return $"{key} {count} {count - previous} {count - yearAgo} {Signed(previous)}";
            }).ToList();
            Assert.Equal(expected, drawn);
            Assert.NotEmpty(drawn);
        }
    }

    [Fact]
    public async Task AMonthWithoutEarlierFeedsIsDrawnWithoutComparisonsRatherThanAsZero()
    {
        var chart = await ChartAsync(fixture.Analyst, "/api/feeds/2025-05/summary.svg?chart=category");

        var bars = chart.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "bar").ToList();
        Assert.Equal(["drugs (kg)", "tobacco (sticks)"], bars.Select(b => (string)b.Attribute("data-key")!));
        Assert.All(bars, b => Assert.Equal(1, (int)b.Attribute("data-count")!));
        Assert.All(bars, b => Assert.Null(b.Attribute("data-previous")));
        Assert.All(bars, b => Assert.Null(b.Attribute("data-year-ago")));
        Assert.Equal(2, chart.Descendants(Svg + "rect").Count(r => (string?)r.Attribute("fill") == "#1f5f8b"));
        Assert.DoesNotContain(chart.Descendants(Svg + "rect"), r => (string?)r.Attribute("fill") == "#9bb7cc");
        Assert.Contains(chart.Descendants(Svg + "text"), t => t.Value.Contains("No figures for 2025-04", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ThePrintablePageHoldsTheTotalsEveryChartAndTheRouteTable()
    {
        var response = await fixture.Analyst.GetAsync("/api/feeds/2025-06/summary.html");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<tr><td>Seizures</td><td>3</td><td>2</td><td>1</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>Items</td><td>5</td><td>2</td><td>1</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>AF → PK</td><td>0</td><td>-1</td><td>0</td></tr>", html, StringComparison.Ordinal);
        var charts = SvgElement().Matches(html).Select(m => XDocument.Parse(m.Value)).ToList();
        Assert.Equal(6, charts.Count);
        var detection = Assert.Single(charts, c => c.Root!.Element(Svg + "title")!.Value == "Seizures by detection method");
        Assert.Equal(Bars(await ChartAsync(fixture.Analyst, "/api/feeds/2025-06/summary.svg?chart=detection")), Bars(detection));
    }

    [Fact]
    public async Task NothingNominalAppearsInAnyChartOrThePage()
    {
        var outputs = new List<string> { await fixture.Analyst.GetStringAsync("/api/feeds/2025-06/summary.html") };
        foreach (var chart in new[] { "category", "detection", "concealment", "conveyance", "route", "office" })
        {
            outputs.Add(await fixture.Analyst.GetStringAsync($"/api/feeds/2025-06/summary.svg?chart={chart}"));
        }

        foreach (var output in outputs)
        {
            Assert.All(Nominal.Concat(fixture.SeizureIds), secret => Assert.DoesNotContain(secret, output, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task ARiloGetsItsRegionsChartsAndIsAnsweredLikeTheFeedElsewhere()
    {
        using var rilo = fixture.App.ClientAs("rilo", region: "MENA");

        var own = await ChartAsync(rilo, "/api/feeds/2025-06/summary.svg?chart=route");
        var asAnalystSees = await ChartAsync(fixture.Analyst, "/api/feeds/2025-06/summary.svg?chart=route&scope=MENA");
        var elsewhere = await rilo.GetAsync("/api/feeds/2025-06/summary.svg?scope=AP");
        var elsewhereJson = await rilo.GetAsync("/api/feeds/2025-06/summary?scope=AP");
        var pageElsewhere = await rilo.GetAsync("/api/feeds/2025-06/summary.html?scope=AP");
        var noFeed = await rilo.GetAsync("/api/feeds/2025-07/summary.svg");
        var noFeedPage = await rilo.GetAsync("/api/feeds/2025-07/summary.html");

        Assert.Equal(["AE → PK 1 1 0 0", "AF → AE 1 0 1 +1"], Bars(own));
        Assert.Equal(Bars(asAnalystSees), Bars(own));
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        Assert.Equal(elsewhereJson.StatusCode, elsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, pageElsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noFeed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noFeedPage.StatusCode);
        Assert.Equal("application/problem+json", noFeed.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AnUnknownChartOrMonthIsNamedAndAnUnchangedChartIsNotSentAgain()
    {
        var badChart = await fixture.Analyst.GetAsync("/api/feeds/2025-06/summary.svg?chart=persons");
        var badMonth = await fixture.Analyst.GetAsync("/api/feeds/2025-13/summary.html");
        var first = await fixture.Analyst.GetAsync("/api/feeds/2025-06/summary.svg?chart=office");
        var again = new HttpRequestMessage(HttpMethod.Get, "/api/feeds/2025-06/summary.svg?chart=office");
        again.Headers.TryAddWithoutValidation("If-None-Match", first.Headers.ETag!.ToString());
        var other = new HttpRequestMessage(HttpMethod.Get, "/api/feeds/2025-06/summary.svg?chart=route");
        other.Headers.TryAddWithoutValidation("If-None-Match", first.Headers.ETag!.ToString());

        var notModified = await fixture.Analyst.SendAsync(again);
        var differentChart = await fixture.Analyst.SendAsync(other);

        Assert.Equal(HttpStatusCode.BadRequest, badChart.StatusCode);
        Assert.NotNull((await badChart.ReadObjectAsync())["errors"]!["chart"]);
        Assert.Equal(HttpStatusCode.BadRequest, badMonth.StatusCode);
        Assert.NotNull((await badMonth.ReadObjectAsync())["errors"]!["month"]);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(HttpStatusCode.OK, differentChart.StatusCode);
    }

    private static async Task<XDocument> ChartAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        var svg = XDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(Svg + "svg", svg.Root!.Name);
        Assert.Empty(svg.Descendants(Svg + "script"));
        return svg;
    }

    private static List<string> Bars(XDocument svg) =>
        svg.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "bar")
            .Select(g => $"{g.Attribute("data-key")!.Value} {g.Attribute("data-count")!.Value} {g.Attribute("data-previous")?.Value} {g.Attribute("data-year-ago")?.Value} {Signed((int?)g.Attribute("data-change"))}")
            .ToList();

    private static string Signed(int? change) => change is > 0 ? $"+{change}" : $"{change}";

    [GeneratedRegex("<svg .*?</svg>", RegexOptions.Singleline)]
    private static partial Regex SvgElement();
}
