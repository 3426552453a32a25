using Enforcement.Functions.ReferenceData;

namespace Enforcement.Tests.ReferenceData;

public sealed class UnLocodeTests
{
    [Theory]
    [InlineData("PKKHI")]
    [InlineData("PKBQM")]
    [InlineData("PKLHE")]
    [InlineData("AEJEA")]
    [InlineData("AEDXB")]
    [InlineData("GBLHR")]
    [InlineData("NLRTM")]
    [InlineData("DEA22")]
    [InlineData("US9ZZ")]
    public void LocodeWithAssignedCountryAndValidCharactersIsWellFormed(string value)
    {
        Assert.True(UnLocode.IsWellFormed(value));
    }

    [Theory]
    [InlineData("XXKHI")]
    [InlineData("UKLON")]
    [InlineData("pkkhi")]
    [InlineData("PKkhi")]
    [InlineData("PKKH0")]
    [InlineData("PKKH1")]
    [InlineData("PKKH")]
    [InlineData("PKKHIX")]
    [InlineData("PK KHI")]
    [InlineData("PK-KH")]
    [InlineData("")]
    [InlineData(null)]
    public void MalformedLocodeIsNotWellFormed(string? value)
    {
        Assert.False(UnLocode.IsWellFormed(value!));
    }
}
