using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Enforcement.Tests.Infrastructure;

namespace Enforcement.Tests.Statistics;

/// <summary>
/// Statistics on a fixture whose totals are worked out by hand (see <see cref="StatisticsFixture"/>): the aggregates
/// follow the record events (recorded, corrected, redelivered), and the JSON, the SVG charts, the HTML report and the
/// BI export all say the same numbers.
/// </summary>
public sealed class StatisticsTests(StatisticsTests.StatisticsFixture fixture) : IClassFixture<StatisticsTests.StatisticsFixture>
{
    /// <summary>
    /// Seizures (office, month, items, detection, concealment, mode, route):
    /// A PKKHI-APFT 2026-11: drugs 10 kg 1000 USD + tobacco 200 cartons 500 USD; nii-scan; container-structure; sea; AE→PK via OM.
    /// B PKKHI-APFT 2026-11: drugs 500 g 200 USD, corrected to 1500 g; canine; body; air; AF→PK.
    /// C PKLHE 2026-11: drugs 2 kg 300 EUR; canine; baggage; air; AE→PK via QA.
    /// D PKKHI-APFT 2026-10: drugs 4 kg; canine; body; air; AF→PK.
    /// E PKKHI 2025-11: tobacco 50 cartons; nii-scan; container-structure; sea; AE→PK.
    /// F PKKHI 2025-11: drugs 1 kg; nii-scan; container-structure; sea; AE→PK.
    /// So in 2026-11, nationally: 3 seizures, 13.5 kg-eq (10 + 1.5 + 2); drugs 3 (previous month 1, a year before 1:
    /// +2 and +200.0% both ways), 13.5 kg-eq (+9.5 on 4, +12.5 on 1), 12 kg and 1500 g, 1200 USD and 300 EUR;
    /// tobacco 1 (previous 0: no percentage; a year before 1); routes AE>PK 2, AF>PK 1; port PKKHI 2, office PKLHE 1.
    /// </summary>
    public sealed class StatisticsFixture : AppFixture
    {
        public string? EventOfA { get; private set; }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var a = await RecordAsync("PKKHI-APFT", "2026-11-05T10:00:00+05:00", Items(("drugs", 10, "kg", 1000, "USD"), ("tobacco", 200, "cartons", 500, "USD")), "nii-scan", "container-structure", "sea", "AE", "PK", "OM");
            var b = await RecordAsync("PKKHI-APFT", "2026-11-06T10:00:00+05:00", Items(("drugs", 500, "g", 200, "USD")), "canine", "body", "air", "AF", "PK", null);
            await RecordAsync("PKLHE", "2026-11-07T10:00:00+05:00", Items(("drugs", 2, "kg", 300, "EUR")), "canine", "baggage", "air", "AE", "PK", "QA");
            await RecordAsync("PKKHI-APFT", "2026-10-15T10:00:00+05:00", Items(("drugs", 4, "kg", null, null)), "canine", "body", "air", "AF", "PK", null);
            await RecordAsync("PKKHI", "2025-11-15T10:00:00+05:00", Items(("tobacco", 50, "cartons", null, null)), "nii-scan", "container-structure", "sea", "AE", "PK", null);
            await RecordAsync("PKKHI", "2025-11-16T10:00:00+05:00", Items(("drugs", 1, "kg", null, null)), "nii-scan", "container-structure", "sea", "AE", "PK", null);
            EventOfA = $"{a}.v1";

            var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/seizures/{b}")
            {
                Content = new StringContent("""{"items":[{"category":"drugs","description":"fixture","quantity":1500,"unit":"g","estimatedValue":{"amount":200,"currency":"USD"}}]}""", System.Text.Encoding.UTF8, "application/merge-patch+json"),
            };
            patch.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
            var corrected = await SupervisorOf("PKKHI").SendAsync(patch);
            Assert.True(corrected.StatusCode == HttpStatusCode.OK, await corrected.Content.ReadAsStringAsync());

            // Every event processed: the national drugs row shows the correction and the other months are complete.
            await SeizureSamples.EventuallyAsync(
                () => Analyst.GetFromJsonAsync<JsonObject>("/api/statistics?period=2026-11&dimension=category"),
                r => Row(r!, "drugs") is { } drugs && drugs["current"]!["kgEquivalent"]!.GetValue<decimal>() == 13.5m
                     && drugs["previous"]!["count"]!.GetValue<long>() == 1 && drugs["yearAgo"]!["count"]!.GetValue<long>() == 1
                     && Row(r!, "tobacco")?["yearAgo"]!["count"]!.GetValue<long>() == 1,
                TimeSpan.FromSeconds(60));
        }

        private async Task<string> RecordAsync(string office, string seizedAt, JsonArray items, string detection, string concealment, string mode, string from, string to, string? transit)
        {
            var body = new JsonObject
            {
                ["seizedAt"] = seizedAt,
                ["office"] = office,
                ["procedure"] = "import",
                ["detectionMethod"] = detection,
                ["items"] = items,
                ["concealment"] = new JsonObject { ["method"] = concealment },
                ["conveyance"] = new JsonObject { ["mode"] = mode },
                ["route"] = new JsonObject { ["departureCountry"] = from, ["destinationCountry"] = to, ["transitCountries"] = transit is null ? new JsonArray() : new JsonArray(transit) },
            };
            var response = await SupervisorOf(office).PostSeizureAsync(body);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (await response.ReadObjectAsync())["id"]!.GetValue<string>();
        }

        private static JsonArray Items(params (string Category, decimal Quantity, string Unit, decimal? Value, string? Currency)[] items) =>
            new(items.Select(i => (JsonNode)new JsonObject
            {
                ["category"] = i.Category,
                ["description"] = "fixture",
                ["quantity"] = i.Quantity,
                ["unit"] = i.Unit,
                ["estimatedValue"] = i.Value is null ? null : new JsonObject { ["amount"] = i.Value, ["currency"] = i.Currency },
            }).ToArray());
    }

    private static JsonObject? Row(JsonObject report, string key) =>
        report["rows"]!.AsArray().Select(r => r!.AsObject()).FirstOrDefault(r => r["key"]!.GetValue<string>() == key);

    [Fact]
    public async Task CategoryFiguresAndChangesMatchTheHandComputedFixture()
    {
        var report = await fixture.Analyst.GetFromJsonAsync<JsonObject>("/api/statistics?period=2026-11&dimension=category");

        Assert.Equal("2026-10", report!["previousPeriod"]!.GetValue<string>());
        Assert.Equal("2025-11", report["yearAgoPeriod"]!.GetValue<string>());
        var drugs = Row(report, "drugs")!;
        Assert.Equal(3, drugs["current"]!["count"]!.GetValue<long>());
        Assert.Equal(12m, drugs["current"]!["quantities"]!["kg"]!.GetValue<decimal>());
        Assert.Equal(1500m, drugs["current"]!["quantities"]!["g"]!.GetValue<decimal>());
        Assert.Equal(1200m, drugs["current"]!["values"]!["USD"]!.GetValue<decimal>());
        Assert.Equal(300m, drugs["current"]!["values"]!["EUR"]!.GetValue<decimal>());
        Assert.Equal(2, drugs["change"]!["countVsPrevious"]!.GetValue<long>());
        Assert.Equal(200.0m, drugs["change"]!["countVsPreviousPercent"]!.GetValue<decimal>());
        Assert.Equal(200.0m, drugs["change"]!["countVsYearAgoPercent"]!.GetValue<decimal>());
        Assert.Equal(9.5m, drugs["change"]!["kgEquivalentVsPrevious"]!.GetValue<decimal>());
        Assert.Equal(12.5m, drugs["change"]!["kgEquivalentVsYearAgo"]!.GetValue<decimal>());
        var tobacco = Row(report, "tobacco")!;
        Assert.Equal(1, tobacco["current"]!["count"]!.GetValue<long>());
        Assert.Equal(200m, tobacco["current"]!["quantities"]!["cartons"]!.GetValue<decimal>());
        Assert.Equal(0m, tobacco["current"]!["kgEquivalent"]!.GetValue<decimal>());
        Assert.Null(tobacco["change"]!["countVsPreviousPercent"]);
        Assert.Equal(0, tobacco["change"]!["countVsYearAgo"]!.GetValue<long>());
    }

    [Fact]
    public async Task RoutesOfficesQuartersAndYearsAddUp()
    {
        var routes = await fixture.Analyst.GetFromJsonAsync<JsonObject>("/api/statistics?period=2026-11&dimension=route");
        var transits = await fixture.Analyst.GetFromJsonAsync<JsonObject>("/api/statistics?period=2026-11&dimension=transitCountry");
        var port = await fixture.Analyst.GetFromJsonAsync<JsonObject>("/api/statistics?period=2026-11&dimension=total&scope=office:PKKHI");
        var lahore = await fixture.Analyst.GetFromJsonAsync<JsonObject>("/api/statistics?period=2026-11&dimension=office");
        var quarter = await fixture.Analyst.GetFromJsonAsync<JsonObject>("/api/statistics?period=2026-Q4&dimension=total");
        var year = await fixture.Analyst.GetFromJsonAsync<JsonObject>("/api/statistics?period=2026&dimension=total&scope=region:AP");

        Assert.Equal(2, Row(routes!, "AE>PK")!["current"]!["count"]!.GetValue<long>());
        Assert.Equal(1, Row(routes!, "AF>PK")!["current"]!["count"]!.GetValue<long>());
        Assert.Equal(1, Row(routes!, "AF>PK")!["previous"]!["count"]!.GetValue<long>());
        Assert.Equal(["OM", "QA"], transits!["rows"]!.AsArray().Select(r => r!["key"]!.GetValue<string>()).Order());
        Assert.Equal(2, Row(port!, "all")!["current"]!["count"]!.GetValue<long>());
        Assert.Equal(11.5m, Row(port!, "all")!["current"]!["kgEquivalent"]!.GetValue<decimal>());
        Assert.Equal(1, Row(lahore!, "PKLHE")!["current"]!["count"]!.GetValue<long>());
        Assert.Equal(2, Row(lahore!, "PKKHI-APFT")!["current"]!["count"]!.GetValue<long>());
        Assert.Equal(4, Row(quarter!, "all")!["current"]!["count"]!.GetValue<long>());
        Assert.Equal("2026-Q3", quarter!["previousPeriod"]!.GetValue<string>());
        Assert.Equal(2, Row(quarter!, "all")!["yearAgo"]!["count"]!.GetValue<long>());
        Assert.Equal(4, Row(year!, "all")!["current"]!["count"]!.GetValue<long>());
        Assert.Equal(2, Row(year!, "all")!["previous"]!["count"]!.GetValue<long>());
    }

    [Fact]
    public async Task ARedeliveredEventChangesNothing()
    {
        var before = await fixture.Analyst.GetStringAsync("/api/statistics?period=2026-11&dimension=category");
        var message = JsonSerializer.Serialize(new { eventId = fixture.EventOfA, type = "seizure.recorded", recordId = fixture.EventOfA![..^3], version = 1, occurredAt = DateTimeOffset.UtcNow });

        var outcome = await fixture.App.InvokeQueueFunctionAsync("SeizureEvents", message);

        Assert.True(outcome.Succeeded, outcome.ToString());
        Assert.Equal(before, await fixture.Analyst.GetStringAsync("/api/statistics?period=2026-11&dimension=category"));
    }

    [Fact]
    public async Task TheChartsAreValidSvgWithTheSameNumbers()
    {
        var report = await fixture.Analyst.GetFromJsonAsync<JsonObject>("/api/statistics?period=2026-11&dimension=category");
        var bars = await fixture.Analyst.GetAsync("/api/statistics/charts/top.svg?period=2026-11&dimension=category");
        var trend = await fixture.Analyst.GetAsync("/api/statistics/charts/trend.svg?until=2026-11&months=13");

        Assert.Equal(HttpStatusCode.OK, bars.StatusCode);
        Assert.Equal("image/svg+xml", bars.Content.Headers.ContentType?.MediaType);
        var svg = XDocument.Parse(await bars.Content.ReadAsStringAsync());
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", svg.Root!.Name);
        Assert.Empty(svg.Descendants(ns + "script"));
        var drawn = svg.Descendants(ns + "g").Where(g => (string?)g.Attribute("class") == "bar")
            .ToDictionary(g => (string)g.Attribute("data-key")!, g => ((long)g.Attribute("data-count")!, (long)g.Attribute("data-previous")!, (long)g.Attribute("data-year-ago")!));
        var expected = report!["rows"]!.AsArray().ToDictionary(r => r!["key"]!.GetValue<string>(),
            r => (r!["current"]!["count"]!.GetValue<long>(), r["previous"]!["count"]!.GetValue<long>(), r["yearAgo"]!["count"]!.GetValue<long>()));
        Assert.Equal(expected, drawn);
        Assert.Contains(svg.Descendants(ns + "text"), t => t.Value == "3 (+2, +200.0%)");

        var line = XDocument.Parse(await trend.Content.ReadAsStringAsync());
        var points = line.Descendants(ns + "g").Where(g => (string?)g.Attribute("class") == "point")
            .ToDictionary(g => (string)g.Attribute("data-month")!, g => (long)g.Attribute("data-count")!);
        Assert.Equal(13, points.Count);
        Assert.Equal(2, points["2025-11"]);
        Assert.Equal(1, points["2026-10"]);
        Assert.Equal(3, points["2026-11"]);
        Assert.Equal(0, points["2026-01"]);
    }

    [Fact]
    public async Task TheChartsAreAlsoPngImagesOfTheSameSizeWithTheBarsAndLineDrawn()
    {
        var svg = XDocument.Parse(await fixture.Analyst.GetStringAsync("/api/statistics/charts/top.svg?period=2026-11&dimension=category"));
        var bars = await fixture.Analyst.GetAsync("/api/statistics/charts/top.png?period=2026-11&dimension=category");
        var trend = await fixture.Analyst.GetAsync("/api/statistics/charts/trend.png?until=2026-11&months=13");
        var invalid = await fixture.Analyst.GetAsync("/api/statistics/charts/top.png?period=2026-13&dimension=category");

        foreach (var (response, height) in new[] { (bars, (int)svg.Root!.Attribute("height")!), (trend, 300) })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
            var png = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
            using var bitmap = SkiaSharp.SKBitmap.Decode(png);
            Assert.Equal((760, height), (bitmap.Width, bitmap.Height));
            var chartBlue = bitmap.Pixels.Count(p => p == new SkiaSharp.SKColor(0x1f, 0x5f, 0x8b));
            Assert.True(chartBlue > 200, $"Only {chartBlue} pixels of the chart's colour were drawn.");
            Assert.True(bitmap.Pixels.Count(p => p == SkiaSharp.SKColors.White) > bitmap.Width * bitmap.Height / 2, "The background is not white.");
        }

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("application/problem+json", invalid.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TheMonthlyReportOfAnOfficeIsPrintableHtmlWithItsOwnFigures()
    {
        var response = await fixture.SupervisorOf("PKKHI").GetAsync("/api/statistics/reports/2026-11?scope=office:PKKHI");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("@media print", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>Seizures</td><td>2</td><td>1</td><td>2</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>Kilogram-equivalent</td><td>11.5</td><td>4</td><td>1</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<td>AE → PK</td><td>1</td>", html, StringComparison.Ordinal);
        Assert.Equal(4, html.Split("<svg ").Length - 1);
    }

    [Fact]
    public async Task TheBiExportServesTheAggregatesToAnApiKey()
    {
        var issued = await fixture.App.ClientAs("admin").PostAsJsonAsync("/api/admin/api-keys", new { name = "RILO AP Power BI", role = "rilo", region = "AP" });
        var key = (await issued.ReadObjectAsync())["key"]!.GetValue<string>();
        using var bi = fixture.App.Client();
        bi.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", key);

        var csv = await bi.GetAsync("/api/statistics/export.csv?from=2026-10&to=2026-11&scope=region:AP");
        var otherRegion = await bi.GetAsync("/api/statistics/export.csv?from=2026-10&to=2026-11&scope=region:EUR");

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("scope,periodKind,period,dimension,value,measure,unit,amount", lines[0]);
        Assert.Contains("region:AP,month,2026-11,category,drugs,count,,3", lines);
        Assert.Contains("region:AP,month,2026-11,category,drugs,kgEquivalent,kg,13.5", lines);
        Assert.Contains("region:AP,month,2026-11,category,drugs,quantity,g,1500", lines);
        Assert.Contains("region:AP,month,2026-10,total,all,count,,1", lines);
        Assert.Equal(HttpStatusCode.NotFound, otherRegion.StatusCode);
    }

    [Fact]
    public async Task EachRoleReadsTheScopesItMay()
    {
        const string query = "/api/statistics?period=2026-11&dimension=total";
        var officer = fixture.App.ClientAs("officer", "PKKHI");
        var partner = fixture.App.ClientAs("partner");
        var rilo = fixture.App.ClientAs("rilo", region: "AP");
        var supervisor = fixture.SupervisorOf("PKKHI");

        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.App.Client().GetAsync(query)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync(query)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync(query)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Analyst.GetAsync(query + "&scope=office:PKLHE")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync(query + "&scope=office:PKKHI-APFT")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync(query + "&scope=office:PKLHE")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync(query)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await rilo.GetAsync(query)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await rilo.GetAsync(query + "&scope=region:AP")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await rilo.GetAsync(query + "&scope=region:EUR")).StatusCode);
        var bad = await fixture.Analyst.GetAsync("/api/statistics?period=2026-13&dimension=colour&top=0");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.ReadObjectAsync())["errors"]!.AsObject();
        Assert.Equal(["dimension", "period", "top"], errors.Select(e => e.Key).Order());
    }
}
