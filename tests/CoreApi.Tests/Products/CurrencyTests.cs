using BffPlatform.Contracts.Common;

namespace BffPlatform.CoreApi.Tests.Products;

/// <summary>The ISO 4217 list every door validates prices against.</summary>
public sealed class CurrencyTests
{
    [Theory]
    [InlineData("EUR")]
    [InlineData("USD")]
    [InlineData("JPY")]
    [InlineData("CHF")]
    [InlineData("XCG")]
    [InlineData("ZWG")]
    public void Circulating_codes_are_active(string code) => Assert.True(Currencies.IsActive(code));

    [Theory]
    [InlineData("ABC")]
    [InlineData("eur")]
    [InlineData("DEM")]
    [InlineData("HRK")]
    [InlineData("XAU")]
    [InlineData("XXX")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_not(string? code) => Assert.False(Currencies.IsActive(code));

    [Fact]
    public void Every_code_is_three_upper_case_letters_and_listed_once() =>
        Assert.All(Currencies.Active, c => Assert.Matches("^[A-Z]{3}$", c));
}
