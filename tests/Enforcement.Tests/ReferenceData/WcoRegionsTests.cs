using Enforcement.Functions.ReferenceData;

namespace Enforcement.Tests.ReferenceData;

public sealed class WcoRegionsTests
{
    [Fact]
    public void ThereAreSixRegionsWithTheirCodes()
    {
        Assert.Equal(["AP", "EUR", "MENA", "WCA", "ESA", "AMC"], WcoRegions.All);
    }

    [Theory]
    [InlineData("AP")]
    [InlineData("EUR")]
    [InlineData("MENA")]
    [InlineData("WCA")]
    [InlineData("ESA")]
    [InlineData("AMC")]
    public void PublishedRegionCodeIsKnown(string region)
    {
        Assert.True(WcoRegions.IsKnown(region));
    }

    [Theory]
    [InlineData("ap")]
    [InlineData("EU")]
    [InlineData("AFRICA")]
    [InlineData("")]
    [InlineData(null)]
    public void OtherRegionCodeIsUnknown(string? region)
    {
        Assert.False(WcoRegions.IsKnown(region!));
    }

    [Theory]
    [InlineData("PK", "AP")]
    [InlineData("AF", "AP")]
    [InlineData("IR", "AP")]
    [InlineData("HK", "AP")]
    [InlineData("PW", "AP")]
    [InlineData("AE", "MENA")]
    [InlineData("EG", "MENA")]
    [InlineData("SD", "MENA")]
    [InlineData("PS", "MENA")]
    [InlineData("TR", "EUR")]
    [InlineData("IL", "EUR")]
    [InlineData("AZ", "EUR")]
    [InlineData("KZ", "EUR")]
    [InlineData("UZ", "EUR")]
    [InlineData("NG", "WCA")]
    [InlineData("MR", "WCA")]
    [InlineData("CD", "WCA")]
    [InlineData("KE", "ESA")]
    [InlineData("BI", "ESA")]
    [InlineData("SO", "ESA")]
    [InlineData("US", "AMC")]
    [InlineData("SR", "AMC")]
    public void MemberCountryBelongsToItsRegion(string country, string region)
    {
        Assert.Equal(region, WcoRegions.RegionOf(country));
    }

    [Theory]
    [InlineData("KP")]
    [InlineData("TW")]
    [InlineData("LI")]
    [InlineData("VA")]
    [InlineData("AG")]
    [InlineData("AQ")]
    [InlineData("XK")]
    [InlineData("pk")]
    [InlineData("PAK")]
    [InlineData("")]
    [InlineData(null)]
    public void NonMemberOrUnknownCountryHasNoRegion(string? country)
    {
        Assert.Null(WcoRegions.RegionOf(country!));
    }

    [Fact]
    public void EveryMemberCountryCodeIsAnAssignedIsoCode()
    {
        var members = WcoRegions.All.SelectMany(WcoRegions.CountriesOf).ToList();

        Assert.All(members, country => Assert.True(CountryCodes.IsAssigned(country), country));
        Assert.All(members, country => Assert.NotNull(WcoRegions.RegionOf(country)));
    }

    [Fact]
    public void EveryRegionHasAtLeastTenCountries()
    {
        Assert.All(WcoRegions.All, region => Assert.True(WcoRegions.CountriesOf(region).Count >= 10, region));
    }

    [Fact]
    public void NoCountryIsInTwoRegions()
    {
        var members = WcoRegions.All.SelectMany(WcoRegions.CountriesOf).ToList();

        Assert.Equal(members.Count, members.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void CountriesOfARegionMapBackToThatRegion()
    {
        foreach (var region in WcoRegions.All)
        {
            Assert.All(WcoRegions.CountriesOf(region), country => Assert.Equal(region, WcoRegions.RegionOf(country)));
        }
    }

    // 186 WCO members less the European Union and Kosovo, which have no assigned country code.
    [Fact]
    public void MembershipCountsMatchThePublishedTotal()
    {
        var total = WcoRegions.All.Sum(region => WcoRegions.CountriesOf(region).Count);

        Assert.Equal(184, total);
    }

    [Theory]
    [InlineData("")]
    [InlineData("EU")]
    [InlineData(null)]
    public void UnknownRegionHasNoCountries(string? region)
    {
        Assert.Empty(WcoRegions.CountriesOf(region!));
    }
}
