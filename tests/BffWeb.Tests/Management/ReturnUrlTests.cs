using BffPlatform.BffWeb.Management;

namespace BffPlatform.BffWeb.Tests.Management;

public sealed class ReturnUrlTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/orders")]
    [InlineData("/orders/42?tab=lines#top")]
    [InlineData("/products?q=red%20shoes")]
    public void Local_paths_are_allowed(string url) => Assert.True(ReturnUrl.IsLocal(url));

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("http://127.0.0.1:5300/")]
    [InlineData("//evil.example")]
    [InlineData("//evil.example/path")]
    [InlineData("/\\evil.example")]
    [InlineData("\\\\evil.example")]
    [InlineData("/foo\\bar")]
    [InlineData("javascript:alert(1)")]
    [InlineData("orders")]
    [InlineData("/\r\nLocation: https://evil.example")]
    [InlineData("/\tfoo")]
    [InlineData("/ /evil.example")]
    [InlineData("/%2Fevil.example")]
    [InlineData("/%2fevil.example")]
    [InlineData("/%5Cevil.example")]
    [InlineData("/%252Fevil.example")]
    [InlineData("/%09/evil.example")]
    [InlineData("")]
    public void Anything_else_is_refused(string url) => Assert.False(ReturnUrl.IsLocal(url));

    [Fact]
    public void Overlong_urls_are_refused() => Assert.False(ReturnUrl.IsLocal("/" + new string('a', ReturnUrl.MaxLength)));
}
