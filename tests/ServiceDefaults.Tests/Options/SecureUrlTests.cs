using BffPlatform.ServiceDefaults.Options;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace BffPlatform.ServiceDefaults.Tests.Options;

public sealed class SecureUrlTests
{
    internal sealed class Env(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "test";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    private static readonly Env Production = new(Environments.Production);
    private static readonly Env Development = new(Environments.Development);

    [Theory]
    [InlineData("https://id.example.test/")]
    [InlineData("https://127.0.0.1:5100/")]
    public void Https_is_allowed_everywhere(string url)
    {
        Assert.Null(SecureUrl.Check("X:Url", url, Production));
        Assert.Null(SecureUrl.Check("X:Url", url, Development));
    }

    [Fact]
    public void Http_is_allowed_in_development_only()
    {
        Assert.Null(SecureUrl.Check("X:Url", "http://id.example.test/", Development));
        var failure = SecureUrl.Check("X:Url", "http://id.example.test/", Production);
        Assert.Equal("X:Url must use https outside Development (got 'http://id.example.test/').", failure);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5200/")]
    [InlineData("http://localhost:5200/")]
    [InlineData("http://[::1]:5200/")]
    public void Loopback_http_is_allowed_outside_development_only_when_asked(string url)
    {
        Assert.Null(SecureUrl.Check("X:Url", url, Production, allowLoopbackHttp: true));
        Assert.Contains("must use https outside Development", SecureUrl.Check("X:Url", url, Production));
    }

    [Fact]
    public void A_non_loopback_http_url_is_refused_even_when_loopback_is_allowed()
    {
        var failure = SecureUrl.Check("X:Url", "http://core-api.internal/", Production, allowLoopbackHttp: true);
        Assert.Equal("X:Url must use https outside Development unless it is loopback (got 'http://core-api.internal/').", failure);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("id.example.test")]
    [InlineData("/relative/path")]
    [InlineData("ftp://id.example.test/")]
    [InlineData("file:///etc/passwd")]
    public void Anything_but_an_absolute_http_url_is_refused_in_every_environment(string? url)
    {
        foreach (var environment in new[] { Production, Development })
        {
            var failure = SecureUrl.Check("X:Url", url, environment, allowLoopbackHttp: true);
            Assert.Equal($"X:Url must be an absolute http(s) URL (got '{url}').", failure);
        }
    }
}
