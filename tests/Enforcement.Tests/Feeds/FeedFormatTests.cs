using System.Text;
using Enforcement.Functions.Feeds;
using Enforcement.Functions.Seizures;

namespace Enforcement.Tests.Feeds;

public sealed class FeedFormatTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\r\nlines", "\"two\r\nlines\"")]
    [InlineData("line\nfeed", "\"line\nfeed\"")]
    [InlineData("", "")]
    public void CsvFieldsAreQuotedExactlyWhenRfc4180RequiresIt(string value, string expected)
    {
        var csv = new StringBuilder();

        FeedCsv.Field(csv, value, first: true);

        Assert.Equal(expected, csv.ToString());
    }

    [Theory]
    [InlineData("PK", "AE", new string[0], new[] { "ALL", "AP", "MENA" })]
    [InlineData("CN", "US", new[] { "NL" }, new[] { "ALL", "AP", "EUR", "AMC" })]
    [InlineData("BR", "NG", new string[0], new[] { "ALL", "WCA", "AMC" })]
    [InlineData("KE", "ZA", new[] { "KE" }, new[] { "ALL", "ESA" })]
    [InlineData(null, null, new string[0], new[] { "ALL" })]
    public void AScopeHoldsTheSeizuresWhoseRouteTouchesItsRegion(string? departure, string? destination, string[] transit, string[] scopes)
    {
        var regions = FeedScopes.RegionsOf(new Route { DepartureCountry = departure, DestinationCountry = destination, TransitCountries = transit });

        var included = FeedScopes.All.Where((_, i) => FeedScopes.Includes(regions, i));

        Assert.Equal(scopes.Order(), included.Order());
    }

    [Fact]
    public void AKeyThatVanishedShowsOnceAsZeroAndIsNotCarriedFurther()
    {
        var april = new FeedSummaryBuilder();
        april.Add(Record("canine"));
        var aprilSummary = april.Build("ALL", "2025-04", null, null);

        var may = new FeedSummaryBuilder();
        may.Add(Record("nii-scan"));
        var maySummary = may.Build("ALL", "2025-05", aprilSummary, null);
        var june = new FeedSummaryBuilder();
        june.Add(Record("nii-scan"));
        var juneSummary = june.Build("ALL", "2025-06", maySummary, null);

        Assert.Equal(["nii-scan", "canine"], maySummary.ByDetectionMethod.Select(r => r.Key));
        Assert.Equal(-1, maySummary.ByDetectionMethod[1].VsPreviousMonth!.Seizures);
        Assert.Equal(["nii-scan"], juneSummary.ByDetectionMethod.Select(r => r.Key));
    }

    private static FeedRecord Record(string detectionMethod) =>
        new("x", "2025-04-01T00:00:00Z", "PKKHI", "import", detectionMethod, [new FeedItem("drugs", null, 1, "kg", null)], null, null, null);
}
