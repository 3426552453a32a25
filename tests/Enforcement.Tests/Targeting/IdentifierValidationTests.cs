using System.Text.Json.Nodes;
using Enforcement.Functions.ReferenceData;

namespace Enforcement.Tests.Targeting;

/// <summary>Check digits through POST /api/identifiers/validate, with published examples and near misses.</summary>
public sealed class IdentifierValidationTests(TargetingFixture fixture) : IClassFixture<TargetingFixture>
{
    private Task<JsonObject> ValidateAsync(string scheme, string value) =>
        fixture.Officer.PostJsonAsync("/api/identifiers/validate", new JsonObject { ["scheme"] = scheme, ["value"] = value });

    [Theory]
    [InlineData("imo", "IMO 9074729", "9074729", "9")]
    [InlineData("iso6346", "CSQU 305438-3", "CSQU3054383", "3")]
    [InlineData("vin", "1M8GDM9AXKP042788", "1M8GDM9AXKP042788", "X")]
    [InlineData("vin", "11111111111111111", "11111111111111111", "1")]
    [InlineData("mrz", "L898902C<3", "L898902C<3", "3")]
    [InlineData("mrz", "7408122", "7408122", "2")]
    [InlineData("mrz", "1204159", "1204159", "9")]
    public async Task PublishedExamplesAreValidWithTheirNormalisedForm(string scheme, string value, string normalized, string checkDigit)
    {
        var result = await ValidateAsync(scheme, value);

        Assert.Equal(200, result.Status());
        Assert.True(result["valid"]!.GetValue<bool>());
        Assert.Equal(normalized, result["normalized"]!.GetValue<string>());
        Assert.Equal(checkDigit, result["expectedCheckDigit"]!.GetValue<string>());
        Assert.Empty(result["warnings"]!.AsArray());
    }

    [Theory]
    [InlineData("imo", "9074728", "9")]
    [InlineData("imo", "9074792", "3")]
    [InlineData("iso6346", "CSQU3054384", "3")]
    [InlineData("vin", "1M8GDM9A1KP042788", "X")]
    [InlineData("mrz", "L898902C<4", "3")]
    [InlineData("mrz", "7408123", "2")]
    public async Task NearMissesAreInvalidAndNameTheExpectedCheckDigit(string scheme, string value, string expected)
    {
        var result = await ValidateAsync(scheme, value);

        Assert.Equal(200, result.Status());
        Assert.False(result["valid"]!.GetValue<bool>());
        Assert.Equal(expected, result["expectedCheckDigit"]!.GetValue<string>());
        Assert.Contains(expected, result["errors"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AVinCheckDigitMismatchOutsideNorthAmericaIsAWarningNotAnError()
    {
        var vin = "WVWZZZ1JZXW000001".ToCharArray();
        var expected = VinNumber.ExpectedCheckDigit(new string(vin));
        vin[8] = expected == '7' ? '8' : '7';

        var result = await ValidateAsync("vin", new string(vin));

        Assert.True(result["valid"]!.GetValue<bool>());
        Assert.Equal(expected.ToString(), result["expectedCheckDigit"]!.GetValue<string>());
        Assert.Contains("not mandatory", Assert.Single(result["warnings"]!.AsArray())!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MmsiAndIcaoAddressesAreCheckedForForm()
    {
        Assert.True((await ValidateAsync("mmsi", "463 012 345"))["valid"]!.GetValue<bool>());
        Assert.NotEmpty((await ValidateAsync("mmsi", "003630000"))["warnings"]!.AsArray());
        Assert.False((await ValidateAsync("mmsi", "46301234"))["valid"]!.GetValue<bool>());
        Assert.Equal("76CDA3", (await ValidateAsync("icao24", "76cda3"))["normalized"]!.GetValue<string>());
        Assert.False((await ValidateAsync("icao24", "000000"))["valid"]!.GetValue<bool>());
    }

    [Fact]
    public async Task AnUnknownSchemeIsAProblemNamingTheField()
    {
        var result = await ValidateAsync("iban", "PK36SCBL0000001123456702");

        Assert.Equal(400, result.Status());
        Assert.NotNull(result["errors"]!["scheme"]);
    }
}
