using Enforcement.Functions.ReferenceData;

namespace Enforcement.Tests.ReferenceData;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("+923001234567")]
    [InlineData("+971501234567")]
    [InlineData("+442079460000")]
    [InlineData("+12025550123")]
    [InlineData("+12345678")]
    [InlineData("+123456789012345")]
    public void InternationalNumberInE164FormIsE164(string value)
    {
        Assert.True(PhoneNumber.IsE164(value));
    }

    [Theory]
    [InlineData("923001234567")]
    [InlineData("+1234567")]
    [InlineData("+1234567890123456")]
    [InlineData("+0923001234567")]
    [InlineData("+92 300 1234567")]
    [InlineData("+92-300-1234567")]
    [InlineData("00923001234567")]
    [InlineData("+92300123456X")]
    [InlineData("++923001234567")]
    [InlineData("+")]
    [InlineData("")]
    [InlineData(null)]
    public void NumberNotInE164FormIsNotE164(string? value)
    {
        Assert.False(PhoneNumber.IsE164(value!));
    }
}
