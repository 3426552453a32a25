using Enforcement.Functions.ReferenceData;

namespace Enforcement.Tests.ReferenceData;

public sealed class CountryCodesTests
{
    [Fact]
    public void AllOfficiallyAssignedCodesAreListed()
    {
        Assert.Equal(249, CountryCodes.All.Count);
    }

    [Theory]
    [InlineData("PK")]
    [InlineData("AE")]
    [InlineData("AF")]
    [InlineData("GB")]
    [InlineData("CW")]
    [InlineData("SS")]
    [InlineData("PS")]
    [InlineData("AQ")]
    public void AssignedCodeIsAssigned(string code)
    {
        Assert.True(CountryCodes.IsAssigned(code));
    }

    [Theory]
    [InlineData("pk")]
    [InlineData("Pk")]
    [InlineData("PAK")]
    [InlineData("P")]
    [InlineData("")]
    [InlineData(" PK")]
    [InlineData("XK")]
    [InlineData("UK")]
    [InlineData("EU")]
    [InlineData("AN")]
    [InlineData("YU")]
    [InlineData(null)]
    public void CodeThatIsNotAnAssignedUpperCasePairIsNotAssigned(string? code)
    {
        Assert.False(CountryCodes.IsAssigned(code!));
    }

    [Fact]
    public void EveryListedCodeIsTwoUpperCaseLetters()
    {
        Assert.All(CountryCodes.All, code => Assert.Matches("^[A-Z]{2}$", code));
    }
}
