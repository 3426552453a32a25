using System.Globalization;
using System.Text.Json.Nodes;
using Enforcement.Tests.Infrastructure;

namespace Enforcement.Tests.Feeds;

/// <summary>
/// summary.json on a hand-computed fixture: June 2025 against May 2025 (previous month) and June 2024 (a year before).
/// <code>
/// 2024-06  Y1 PKLHE      canine               body                air  AF→AE  drugs 10 kg
/// 2025-05  P1 PKKHI-APFT nii-scan             container-structure sea  AE→PK  drugs 5 kg
///          P2 PKLHE      physical-examination baggage             road AF→PK  tobacco 1000 sticks
/// 2025-06  T1 PKKHI-APFT nii-scan             container-structure sea  AE→PK  drugs 24.5 kg + drugs 0.5 kg
///          T2 PKKHI-APFT nii-scan             inside-goods        sea  CN→PK  precursors 200 kg + drugs 1 kg
///          T3 PKLHE      canine               body                air  AF→AE  drugs 2 kg
/// </code>
/// Each expected row reads "key seizures [items quantity] | change vs previous month | change vs a year before".
/// </summary>
public sealed class FeedSummaryTests(FeedSummaryTests.ThreeMonths fixture) : IClassFixture<FeedSummaryTests.ThreeMonths>
{
    public sealed class ThreeMonths : AppFixture
    {
        protected override IDictionary<string, string?> Settings => FeedTestKit.HostDrivenFeeds();

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await Seed("2024-06-15T10:00:00+05:00", "PKLHE", "canine", "body", "air", "AF", "AE", ("drugs", 10m, "kg"));
            await Seed("2025-05-10T10:00:00+05:00", "PKKHI-APFT", "nii-scan", "container-structure", "sea", "AE", "PK", ("drugs", 5m, "kg"));
            await Seed("2025-05-20T10:00:00+05:00", "PKLHE", "physical-examination", "baggage", "road", "AF", "PK", ("tobacco", 1000m, "sticks"));
            await Seed("2025-06-02T10:00:00+05:00", "PKKHI-APFT", "nii-scan", "container-structure", "sea", "AE", "PK", ("drugs", 24.5m, "kg"), ("drugs", 0.5m, "kg"));
            await Seed("2025-06-12T10:00:00+05:00", "PKKHI-APFT", "nii-scan", "inside-goods", "sea", "CN", "PK", ("precursors", 200m, "kg"), ("drugs", 1m, "kg"));
            await Seed("2025-06-28T10:00:00+05:00", "PKLHE", "canine", "body", "air", "AF", "AE", ("drugs", 2m, "kg"));
            await App.BuildAsync("2024-06");
            await App.BuildAsync("2025-05");
            await App.BuildAsync("2025-06");
        }

        private Task<string> Seed(string seizedAt, string office, string detection, string concealment, string mode, string from, string to, params (string Category, decimal Quantity, string Unit)[] items)
        {
            var seizure = FeedTestKit.Seizure(seizedAt, from, to);
            seizure["office"] = office;
            seizure["detectionMethod"] = detection;
            seizure["concealment"] = new JsonObject { ["method"] = concealment };
            seizure["conveyance"] = new JsonObject { ["mode"] = mode };
            seizure["items"] = new JsonArray(items.Select(i => (JsonNode)new JsonObject
            {
                ["category"] = i.Category, ["description"] = "Seized goods", ["quantity"] = i.Quantity, ["unit"] = i.Unit,
            }).ToArray());
            return App.RecordAsync(seizure);
        }
    }

    [Fact]
    public async Task TotalsAndEachDimensionCompareWithThePreviousMonthAndTheYearBefore()
    {
        var summary = await SummaryAsync("2025-06", "ALL");

        Assert.Equal("2025-05", summary["comparison"]!["previousMonth"]!.GetValue<string>());
        Assert.Equal("2024-06", summary["comparison"]!["yearBefore"]!.GetValue<string>());
        Assert.True(summary["comparison"]!["previousMonthAvailable"]!.GetValue<bool>());
        Assert.True(summary["comparison"]!["yearBeforeAvailable"]!.GetValue<bool>());
        Assert.Equal("3 5 | +1 +3 | +2 +4", Totals(summary));
        Assert.Equal(
        [
            "drugs/kg 3 4 28 | +2 +3 +23 | +2 +3 +18",
            "precursors/kg 1 1 200 | +1 +1 +200 | +1 +1 +200",
            "tobacco/sticks 0 0 0 | -1 -1 -1000 | 0 0 0",
        ], Rows(summary, "byCategoryAndUnit"));
        Assert.Equal(["nii-scan 2 | +1 | +2", "canine 1 | +1 | 0", "physical-examination 0 | -1 | 0"], Rows(summary, "byDetectionMethod"));
        Assert.Equal(["body 1 | +1 | 0", "container-structure 1 | 0 | +1", "inside-goods 1 | +1 | +1", "baggage 0 | -1 | 0"], Rows(summary, "byConcealmentMethod"));
        Assert.Equal(["sea 2 | +1 | +2", "air 1 | +1 | 0", "road 0 | -1 | 0"], Rows(summary, "byConveyanceMode"));
        Assert.Equal(["AE→PK 1 | 0 | +1", "AF→AE 1 | +1 | 0", "CN→PK 1 | +1 | +1", "AF→PK 0 | -1 | 0"], Rows(summary, "byRoute"));
        Assert.Equal(["PKKHI-APFT 2 | +1 | +2", "PKLHE 1 | 0 | 0"], Rows(summary, "byOffice"));
    }

    [Fact]
    public async Task ARegionsSummaryComparesWithTheSameRegionsEarlierFeeds()
    {
        // MENA (the routes touching AE): Y1 a year before, P1 the month before, T1 and T3 now.
        var summary = await SummaryAsync("2025-06", "MENA");

        Assert.Equal("2 3 | +1 +2 | +1 +2", Totals(summary));
        Assert.Equal(["drugs/kg 2 3 27 | +1 +2 +22 | +1 +2 +17"], Rows(summary, "byCategoryAndUnit"));
        Assert.Equal(["AE→PK 1 | 0 | +1", "AF→AE 1 | +1 | 0"], Rows(summary, "byRoute"));
    }

    [Fact]
    public async Task AChangeAgainstAMonthWithoutAFeedIsNull()
    {
        var first = await SummaryAsync("2024-06", "ALL");
        var second = await SummaryAsync("2025-05", "ALL");

        Assert.False(first["comparison"]!["previousMonthAvailable"]!.GetValue<bool>());
        Assert.Equal("1 1 | n/a | n/a", Totals(first));
        Assert.Equal(["drugs/kg 1 1 10 | n/a | n/a"], Rows(first, "byCategoryAndUnit"));
        Assert.Equal("2024-05", second["comparison"]!["yearBefore"]!.GetValue<string>());
        Assert.False(second["comparison"]!["yearBeforeAvailable"]!.GetValue<bool>());
        Assert.Equal("2 2 | n/a | n/a", Totals(second));
        Assert.Equal(["drugs/kg 1 1 5 | n/a | n/a", "tobacco/sticks 1 1 1000 | n/a | n/a"], Rows(second, "byCategoryAndUnit"));
    }

    private async Task<JsonObject> SummaryAsync(string month, string scope) =>
        JsonNode.Parse(await fixture.Analyst.GetStringAsync($"/api/feeds/{month}/summary?scope={scope}"))!.AsObject();

    private static string Totals(JsonObject summary)
    {
        var totals = summary["totals"]!;
        return $"{totals["seizures"]} {totals["items"]} | {Change(totals["vsPreviousMonth"], "seizures", "items")} | {Change(totals["vsYearBefore"], "seizures", "items")}";
    }

    private static List<string> Rows(JsonObject summary, string dimension) =>
        summary[dimension]!.AsArray().Select(node => node!.AsObject()).Select(row => dimension switch
        {
            "byCategoryAndUnit" =>
                $"{row["category"]}/{row["unit"]} {row["seizures"]} {row["items"]} {Number(row["quantity"])} | {Change(row["vsPreviousMonth"], "seizures", "items", "quantity")} | {Change(row["vsYearBefore"], "seizures", "items", "quantity")}",
            "byRoute" => $"{row["departureCountry"]}→{row["destinationCountry"]} {row["seizures"]} | {Change(row["vsPreviousMonth"], "seizures")} | {Change(row["vsYearBefore"], "seizures")}",
            _ => $"{row["key"]} {row["seizures"]} | {Change(row["vsPreviousMonth"], "seizures")} | {Change(row["vsYearBefore"], "seizures")}",
        }).ToList();

    private static string Change(JsonNode? change, params string[] fields) =>
        change is null ? "n/a" : string.Join(' ', fields.Select(f => Signed(change[f]!.GetValue<decimal>())));

    private static string Signed(decimal value) => value > 0 ? "+" + Number(value) : Number(value);

    private static string Number(JsonNode? value) => Number(value!.GetValue<decimal>());

    private static string Number(decimal value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
