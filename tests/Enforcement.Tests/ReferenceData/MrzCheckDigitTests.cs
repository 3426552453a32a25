using Enforcement.Functions.ReferenceData;

namespace Enforcement.Tests.ReferenceData;

// Fields and digits from the ICAO Doc 9303 specimen documents.
public sealed class MrzCheckDigitTests
{
    [Theory]
    [InlineData("L898902C3", 6)]
    [InlineData("740812", 2)]
    [InlineData("120415", 9)]
    [InlineData("ZE184226B<<<<<", 1)]
    [InlineData("D23145890", 7)]
    [InlineData("<<<<<<", 0)]
    [InlineData("", 0)]
    public void CheckDigitIsComputedWithWeightsSevenThreeOne(string field, int expected)
    {
        Assert.Equal(expected, MrzCheckDigit.Compute(field));
    }

    [Theory]
    [InlineData("l898902c3")]
    [InlineData("L898902 C3")]
    [InlineData("L898902-C3")]
    public void FieldWithCharacterOutsideTheMrzSetIsRefused(string field)
    {
        Assert.Throws<ArgumentException>(() => MrzCheckDigit.Compute(field));
    }

    [Theory]
    [InlineData("L898902C36")]
    [InlineData("7408122")]
    [InlineData("1204159")]
    [InlineData("ZE184226B<<<<<1")]
    [InlineData("D231458907")]
    public void FieldWithCorrectCheckDigitIsValid(string value)
    {
        Assert.True(MrzCheckDigit.IsValid(value));
    }

    [Theory]
    [InlineData("L898902C35")]
    [InlineData("7408123")]
    [InlineData("L898902C")]
    [InlineData("L898902C3<")]
    [InlineData("l898902c36")]
    [InlineData("6")]
    [InlineData("")]
    [InlineData(null)]
    public void FieldWithWrongOrMissingCheckDigitIsInvalid(string? value)
    {
        Assert.False(MrzCheckDigit.IsValid(value!));
    }
}
