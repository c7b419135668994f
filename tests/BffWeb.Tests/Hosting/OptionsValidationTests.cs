using BffPlatform.BffWeb.Authentication;
using BffPlatform.BffWeb.Sessions;
using BffPlatform.BffWeb.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BffPlatform.BffWeb.Tests.Hosting;

public sealed class OptionsValidationTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        Assert.True(new SessionOptionsValidator().Validate(null, new BffSessionOptions()).Succeeded);
        Assert.True(new OidcClientOptionsValidator(Env("Development")).Validate(null, new OidcClientOptions { ClientSecret = "s", RequireHttpsMetadata = false }).Succeeded);
    }

    [Theory]
    [InlineData("bff", null, "Session:CookieName")]
    [InlineData("__Secure-bff", null, "Session:CookieName")]
    [InlineData("__Host-", null, "Session:CookieName")]
    [InlineData("__Host-bff", SameSiteMode.Lax, "Session:SameSite")]
    [InlineData("__Host-bff", SameSiteMode.None, "Session:SameSite")]
    public void Weak_cookie_settings_are_refused(string name, SameSiteMode? sameSite, string key)
    {
        var result = new SessionOptionsValidator().Validate(null, new BffSessionOptions { CookieName = name, SameSite = sameSite ?? SameSiteMode.Strict });
        Assert.True(result.Failed);
        Assert.Contains(key, result.FailureMessage);
    }

    [Fact]
    public void Host_prefix_rules_and_lifetimes_are_checked()
    {
        var result = new SessionOptionsValidator().Validate(null, new BffSessionOptions
        {
            Path = "/app",
            Domain = "example.com",
            IdleTimeout = TimeSpan.FromHours(2),
            AbsoluteLifetime = TimeSpan.FromHours(1),
        });
        Assert.Contains("Session:Path", result.FailureMessage);
        Assert.Contains("Session:Domain", result.FailureMessage);
        Assert.Contains("Session:AbsoluteLifetime", result.FailureMessage);
    }

    [Fact]
    public void Production_refuses_http_authority_and_the_development_secret()
    {
        var result = new OidcClientOptionsValidator(Env("Production")).Validate(null, new OidcClientOptions
        {
            Authority = "http://127.0.0.1:5100/",
            RequireHttpsMetadata = false,
            ClientSecret = OidcClientOptions.DevelopmentSecret,
        });
        Assert.Contains("Oidc:Authority", result.FailureMessage);
        Assert.Contains("Oidc:RequireHttpsMetadata", result.FailureMessage);
        Assert.Contains("Oidc:ClientSecret", result.FailureMessage);
    }

    [Fact]
    public void A_missing_secret_or_offline_access_is_refused()
    {
        var result = new OidcClientOptionsValidator(Env("Development")).Validate(null, new OidcClientOptions { Scopes = ["openid", "profile"] });
        Assert.Contains("Oidc:ClientSecret", result.FailureMessage);
        Assert.Contains("offline_access", result.FailureMessage);
    }

    [Theory]
    [InlineData("core-api", false)]
    [InlineData("/core-api", false)]
    [InlineData("https://api.shop.test/", true)]
    [InlineData(null, true)]
    public void A_resource_indicator_must_be_an_absolute_uri(string? resource, bool valid)
    {
        var result = new OidcClientOptionsValidator(Env("Development")).Validate(null,
            new OidcClientOptions { ClientSecret = "s", RequireHttpsMetadata = false, Resource = resource });
        Assert.Equal(valid, result.Succeeded);
        if (!valid) Assert.Contains("Oidc:Resource", result.FailureMessage);
    }

    [Fact]
    public void The_service_refuses_to_start_with_a_cookie_name_without_the_host_prefix()
    {
        using var factory = new BffWebFactory().With("Session:CookieName", "bff-session");
        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());
        Assert.Contains("Session:CookieName", error.Message);
    }

    [Fact]
    public void The_service_refuses_to_start_with_a_lax_cookie()
    {
        using var factory = new BffWebFactory().With("Session:SameSite", "Lax");
        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());
        Assert.Contains("Session:SameSite", error.Message);
    }

    private static IHostEnvironment Env(string name) => new TestEnvironment { EnvironmentName = name };

    private sealed class TestEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "";
        public string ApplicationName { get; set; } = "test";
        public string ContentRootPath { get; set; } = "/";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
