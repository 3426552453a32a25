using Enforcement.Functions.ReferenceData;

namespace Enforcement.Tests.ReferenceData;

public sealed class ContainerNumberTests
{
    // CSQU3054383 is the ISO 6346 worked example; the others are real container numbers from public validator test suites.
    [Theory]
    [InlineData("CSQU3054383")]
    [InlineData("TCNU7200794")]
    [InlineData("TOLU4734787")]
    [InlineData("GYOU4047990")]
    public void RealContainerNumberIsValid(string value)
    {
        Assert.True(ContainerNumber.IsValid(value));
    }

    [Theory]
    [InlineData("CSQU3054384")]
    [InlineData("CSQU3054380")]
    [InlineData("TCNU7200795")]
    public void ContainerNumberWithWrongCheckDigitIsInvalid(string value)
    {
        Assert.False(ContainerNumber.IsValid(value));
    }

    [Theory]
    [InlineData("CSQU305438")]
    [InlineData("CSQU30543833")]
    [InlineData("csqu3054383")]
    [InlineData("CSQU 305438 3")]
    [InlineData("CSQX3054383")]
    [InlineData("CS1U3054383")]
    [InlineData("CSQU3054Z83")]
    [InlineData("CSQU305438X")]
    [InlineData("")]
    [InlineData(null)]
    public void MalformedContainerNumberIsInvalid(string? value)
    {
        Assert.False(ContainerNumber.IsValid(value!));
    }

    [Theory]
    [InlineData("ABCU000000")]
    [InlineData("ABCJ000000")]
    [InlineData("ABCZ000000")]
    public void EveryCategoryLetterIsAccepted(string first10)
    {
        var value = first10 + ContainerNumber.ComputeCheckDigit(first10);

        Assert.True(ContainerNumber.IsValid(value));
    }

    [Theory]
    [InlineData("ABCX000000")]
    [InlineData("ABCA000000")]
    [InlineData("ABC1000000")]
    public void OtherCategoryIsInvalidEvenWithMatchingCheckDigit(string first10)
    {
        var value = first10 + ContainerNumber.ComputeCheckDigit(first10);

        Assert.False(ContainerNumber.IsValid(value));
    }

    [Theory]
    [InlineData("CSQU305438", '3')]
    [InlineData("TCNU720079", '4')]
    [InlineData("TOLU473478", '7')]
    [InlineData("GYOU404799", '0')]
    public void CheckDigitIsComputedFromTheFirstTenCharacters(string first10, char expected)
    {
        Assert.Equal(expected, ContainerNumber.ComputeCheckDigit(first10));
    }

    // The weighted sum of CSQU305407 leaves 10 mod 11, which ISO 6346 writes as 0.
    [Fact]
    public void RemainderOfTenBecomesZero()
    {
        Assert.Equal('0', ContainerNumber.ComputeCheckDigit("CSQU305407"));
        Assert.True(ContainerNumber.IsValid("CSQU3054070"));
    }

    [Theory]
    [InlineData("CSQU305438X")]
    [InlineData("CSQU30543")]
    [InlineData("CSQU30543-")]
    [InlineData("csqu305438")]
    public void CheckDigitOfMalformedInputIsRefused(string first10)
    {
        Assert.Throws<ArgumentException>(() => ContainerNumber.ComputeCheckDigit(first10));
    }

    [Theory]
    [InlineData("csqu3054383", "CSQU3054383")]
    [InlineData("CSQU 305438 3", "CSQU3054383")]
    [InlineData("CSQU-305438-3", "CSQU3054383")]
    [InlineData(" csqu 305438-3 ", "CSQU3054383")]
    [InlineData("CSQU3054383", "CSQU3054383")]
    public void NormalizeUpperCasesAndStripsSpacesAndHyphens(string value, string expected)
    {
        Assert.Equal(expected, ContainerNumber.Normalize(value));
    }

    [Fact]
    public void NormalizedPrintedContainerNumberIsValid()
    {
        Assert.True(ContainerNumber.IsValid(ContainerNumber.Normalize("csqu 305438-3")));
    }
}
