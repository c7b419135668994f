using System.Net;
using BffPlatform.Identity.Tests.Infrastructure;

namespace BffPlatform.Identity.Tests;

/// <summary>
/// RFC 8252 §7.3 for mobile-app (a public native client): <c>http://127.0.0.1/callback</c> on any
/// port the app happens to listen on, and nothing looser — only that path, only the IPv4 loopback
/// literal, plain http, no user info or query. Refused redirect URIs get a problem, never a redirect.
/// </summary>
public sealed class LoopbackRedirectTests(SharedIdentity shared) : IClassFixture<SharedIdentity>
{
    private const string Scopes = "openid offline_access core-api orders.read";
    private readonly IdentityFactory _identity = shared.Identity;

    [Theory]
    [InlineData(1024)]
    [InlineData(50123)]
    [InlineData(65535)]
    public async Task Any_port_of_the_ipv4_loopback_callback_is_accepted(int port)
    {
        using var browser = _identity.CreateBrowser();
        var redirect = $"http://127.0.0.1:{port}/callback";

        var tokens = await OAuth.CodeFlowAsync(_identity, browser, OAuth.MobileApp, null, redirect, Scopes);

        Assert.NotNull(tokens.RefreshToken);
        Assert.Equal(["bff-mobile"], OAuth.Read(tokens.AccessToken!).Audiences);
    }

    [Theory]
    [InlineData("http://127.0.0.1:50123/other")]
    [InlineData("http://127.0.0.1:50123/callback/")]
    [InlineData("http://127.0.0.1:50123/Callback")]
    [InlineData("http://localhost:50123/callback")]
    [InlineData("http://[::1]:50123/callback")]
    [InlineData("http://127.0.0.2:50123/callback")]
    [InlineData("https://127.0.0.1:50123/callback")]
    [InlineData("http://evil.test@127.0.0.1:50123/callback")]
    [InlineData("http://127.0.0.1:50123@evil.test/callback")]
    [InlineData("http://127.0.0.1:50123/callback?next=https://evil.test")]
    [InlineData("http://127.0.0.1:50123/callback#x")]
    [InlineData("http://127.0.0.1.evil.test:50123/callback")]
    public async Task Anything_but_the_loopback_callback_is_refused(string redirect)
    {
        using var browser = _identity.CreateBrowser();
        var (_, challenge) = OAuth.NewPkce();

        var response = await browser.GetAsync(OAuth.AuthorizeUrl(OAuth.MobileApp, redirect, Scopes, challenge));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("redirect_uri", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_any_port_rule_is_for_the_native_app_only()
    {
        using var browser = _identity.CreateBrowser();
        var (_, challenge) = OAuth.NewPkce();

        // bff-web (a confidential web client) registered port 5300: another port is another URI.
        var response = await browser.GetAsync(OAuth.AuthorizeUrl(OAuth.BffWeb, "http://127.0.0.1:5301/signin-oidc", "openid", challenge));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_token_request_must_name_the_same_port_as_the_authorization_request()
    {
        using var browser = _identity.CreateBrowser();
        var (verifier, challenge) = OAuth.NewPkce();
        var code = await OAuth.SignInAndAuthorizeAsync(browser, OAuth.MobileApp, "http://127.0.0.1:50123/callback", Scopes, challenge);
        var http = _identity.CreateClient();

        var otherPort = await OAuth.RedeemCodeAsync(http, code.Code!, verifier, OAuth.MobileApp, null, "http://127.0.0.1:50124/callback");

        Assert.Equal("invalid_grant", otherPort.Error);
        Assert.Null(otherPort.AccessToken);
    }

    [Fact]
    public async Task The_native_app_must_send_a_pkce_verifier()
    {
        using var browser = _identity.CreateBrowser();
        var (_, challenge) = OAuth.NewPkce();
        const string redirect = "http://127.0.0.1:50123/callback";
        var code = await OAuth.SignInAndAuthorizeAsync(browser, OAuth.MobileApp, redirect, Scopes, challenge);

        var withoutVerifier = await OAuth.RedeemCodeAsync(_identity.CreateClient(), code.Code!, null, OAuth.MobileApp, null, redirect);

        Assert.True(withoutVerifier.IsError);
        Assert.Null(withoutVerifier.AccessToken);
    }
}
