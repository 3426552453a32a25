using Enforcement.Functions.ReferenceData;

namespace Enforcement.Tests.ReferenceData;

public sealed class ImoNumberTests
{
    [Theory]
    [InlineData("9074729")]
    [InlineData("9319466")]
    [InlineData("8814275")]
    public void RealImoNumberIsValid(string value)
    {
        Assert.True(ImoNumber.IsValid(value));
    }

    [Theory]
    [InlineData("9074728")]
    [InlineData("8814274")]
    [InlineData("9319467")]
    public void ImoNumberWithWrongCheckDigitIsInvalid(string value)
    {
        Assert.False(ImoNumber.IsValid(value));
    }

    [Theory]
    [InlineData("907472")]
    [InlineData("90747290")]
    [InlineData("IMO9074729")]
    [InlineData("IMO 9074729")]
    [InlineData("907472X")]
    [InlineData("9O74729")]
    [InlineData("")]
    [InlineData(null)]
    public void MalformedImoNumberIsInvalid(string? value)
    {
        Assert.False(ImoNumber.IsValid(value!));
    }

    [Theory]
    [InlineData("IMO 9074729", "9074729")]
    [InlineData("IMO9074729", "9074729")]
    [InlineData("imo 9074729", "9074729")]
    [InlineData("9074729", "9074729")]
    [InlineData(" IMO 9074729 ", "9074729")]
    public void NormalizeStripsTheImoPrefix(string value, string expected)
    {
        Assert.Equal(expected, ImoNumber.Normalize(value));
    }

    [Fact]
    public void NormalizedPrefixedImoNumberIsValid()
    {
        Assert.True(ImoNumber.IsValid(ImoNumber.Normalize("IMO 9319466")));
    }
}
