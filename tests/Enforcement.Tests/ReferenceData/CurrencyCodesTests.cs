using Enforcement.Functions.ReferenceData;

namespace Enforcement.Tests.ReferenceData;

public sealed class CurrencyCodesTests
{
    [Theory]
    [InlineData("PKR")]
    [InlineData("AED")]
    [InlineData("USD")]
    [InlineData("EUR")]
    [InlineData("AFN")]
    [InlineData("SLE")]
    [InlineData("VES")]
    [InlineData("ZWG")]
    [InlineData("XCG")]
    [InlineData("XAU")]
    [InlineData("CHE")]
    [InlineData("XDR")]
    public void CurrencyInUseIsActive(string code)
    {
        Assert.True(CurrencyCodes.IsActive(code));
    }

    [Theory]
    [InlineData("HRK")]
    [InlineData("SLL")]
    [InlineData("ZWL")]
    [InlineData("ANG")]
    [InlineData("CUC")]
    [InlineData("VEF")]
    [InlineData("DEM")]
    [InlineData("XXX")]
    [InlineData("XTS")]
    public void WithdrawnOrNonMonetaryCodeIsNotActive(string code)
    {
        Assert.False(CurrencyCodes.IsActive(code));
    }

    [Theory]
    [InlineData("usd")]
    [InlineData("US")]
    [InlineData("USDT")]
    [InlineData("")]
    [InlineData(" USD")]
    [InlineData(null)]
    public void MalformedCurrencyCodeIsNotActive(string? code)
    {
        Assert.False(CurrencyCodes.IsActive(code!));
    }

    [Fact]
    public void EveryActiveCodeIsThreeUpperCaseLetters()
    {
        Assert.All(CurrencyCodes.All, code => Assert.Matches("^[A-Z]{3}$", code));
    }
}
