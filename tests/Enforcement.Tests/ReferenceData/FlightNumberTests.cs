using Enforcement.Functions.ReferenceData;

namespace Enforcement.Tests.ReferenceData;

public sealed class FlightNumberTests
{
    [Theory]
    [InlineData("PK301")]
    [InlineData("EK600")]
    [InlineData("BA1")]
    [InlineData("QR1234")]
    [InlineData("U21234")]
    [InlineData("9W12")]
    [InlineData("PK301A")]
    [InlineData("TK1234D")]
    public void FlightNumberWithDesignatorDigitsAndOptionalSuffixIsWellFormed(string value)
    {
        Assert.True(FlightNumber.IsWellFormed(value));
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("PK")]
    [InlineData("PKA")]
    [InlineData("PK12345")]
    [InlineData("PK301AB")]
    [InlineData("PK 301")]
    [InlineData("pk301")]
    [InlineData("P-301")]
    [InlineData("PIA301")]
    [InlineData("PK3O1")]
    [InlineData("")]
    [InlineData(null)]
    public void MalformedFlightNumberIsNotWellFormed(string? value)
    {
        Assert.False(FlightNumber.IsWellFormed(value!));
    }

    [Theory]
    [InlineData("PK 301", "PK301")]
    [InlineData("pk301", "PK301")]
    [InlineData("ek 600a", "EK600A")]
    [InlineData(" U2 1234 ", "U21234")]
    [InlineData("PK301", "PK301")]
    public void NormalizeRemovesTheSpaceAfterTheDesignatorAndUpperCases(string value, string expected)
    {
        Assert.Equal(expected, FlightNumber.Normalize(value));
    }

    [Fact]
    public void SpaceAnywhereElseIsKept()
    {
        Assert.False(FlightNumber.IsWellFormed(FlightNumber.Normalize("PK3 01")));
    }
}
