using System.Net;
using BffPlatform.Identity.Tests.Infrastructure;
using Duende.IdentityModel.Client;

namespace BffPlatform.Identity.Tests;

public sealed class CodeFlowTests(SharedIdentity shared) : IClassFixture<SharedIdentity>
{
    private readonly IdentityFactory _identity = shared.Identity;

    [Fact]
    public async Task Bff_web_signs_alice_in_and_gets_access_id_and_refresh_tokens()
    {
        using var browser = _identity.CreateBrowser();
        var tokens = await OAuth.CodeFlowAsync(_identity, browser);

        var access = OAuth.Read(tokens.AccessToken!);
        Assert.Equal("at+jwt", access.Typ);
        Assert.Equal(["core-api"], access.Audiences);
        Assert.Equal(IdentityFactory.Issuer, access.Issuer);
        Assert.Equal("Alice Martin", access.GetClaim("name").Value);
        Assert.Equal(OAuth.AliceEmail, access.GetClaim("email").Value);
        Assert.Equal("customer", access.GetClaim("role").Value);
        Assert.Equal(OAuth.BffWeb, access.GetClaim("client_id").Value);
        Assert.Equal(OAuth.BffWebScopes.Split(' ').Order(), access.GetClaim("scope").Value.Split(' ').Order());
        Assert.False(access.TryGetClaim("sid", out _));

        var id = OAuth.Read(tokens.IdentityToken!);
        Assert.Equal([OAuth.BffWeb], id.Audiences);
        Assert.Equal(access.Subject, id.Subject);
        Assert.Equal("nonce-1", id.GetClaim("nonce").Value);
        Assert.False(string.IsNullOrEmpty(id.GetClaim("sid").Value));
        Assert.Equal("Alice Martin", id.GetClaim("name").Value);
        Assert.False(string.IsNullOrEmpty(tokens.RefreshToken));
    }

    [Fact]
    public async Task Staff_role_reaches_the_access_token()
    {
        using var browser = _identity.CreateBrowser();
        var tokens = await OAuth.CodeFlowAsync(_identity, browser, email: "staff@shop.test", password: "Staff!2345");
        Assert.Equal("staff", OAuth.Read(tokens.AccessToken!).GetClaim("role").Value);
    }

    [Fact]
    public async Task A_second_client_in_the_same_browser_shares_the_session_id_without_a_new_sign_in()
    {
        using var browser = _identity.CreateBrowser();
        var first = await OAuth.CodeFlowAsync(_identity, browser);
        var (verifier, challenge) = OAuth.NewPkce();

        var authorize = await browser.GetAsync(OAuth.AuthorizeUrl(OAuth.MobileApp, OAuth.MobileRedirect, "openid offline_access core-api", challenge));
        var code = new AuthorizeResponse(OAuth.RequireRedirect(authorize).ToString());
        var second = await OAuth.RedeemCodeAsync(_identity.CreateClient(), code.Code!, verifier, OAuth.MobileApp, null, OAuth.MobileRedirect);

        Assert.False(second.IsError, second.ErrorDescription);
        Assert.Equal(OAuth.Read(first.IdentityToken!).GetClaim("sid").Value, OAuth.Read(second.IdentityToken!).GetClaim("sid").Value);
    }

    [Fact]
    public async Task Userinfo_returns_the_profile_for_the_access_token()
    {
        using var browser = _identity.CreateBrowser();
        var tokens = await OAuth.CodeFlowAsync(_identity, browser);

        var info = await _identity.CreateClient().GetUserInfoAsync(new UserInfoRequest { Address = OAuth.UserInfoEndpoint, Token = tokens.AccessToken });

        Assert.False(info.IsError, info.Error);
        Assert.Equal("Alice Martin", info.Claims.Single(c => c.Type == "name").Value);
        Assert.Equal("customer", info.Claims.Single(c => c.Type == "role").Value);
    }

    [Fact]
    public async Task The_sign_in_page_is_accessible_and_carries_an_antiforgery_token()
    {
        using var browser = _identity.CreateBrowser();
        var html = await browser.GetStringAsync("/account/login");

        Assert.Contains("<label for=\"email\">Email</label>", html);
        Assert.Contains("<label for=\"password\">Password</label>", html);
        Assert.Contains("<button type=\"submit\">Sign in</button>", html);
        Assert.Contains("__RequestVerificationToken", html);
    }

    [Fact]
    public async Task A_sign_in_post_without_the_antiforgery_token_is_refused()
    {
        using var browser = _identity.CreateBrowser();
        var response = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = OAuth.AliceEmail, ["Password"] = OAuth.AlicePassword, ["ReturnUrl"] = "/",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        // The page again, saying why, with a fresh form to sign in with.
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("This sign-in form has expired.", page, StringComparison.Ordinal);
        Assert.Contains("name=\"Password\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("bffplatform.identity=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_absolute_return_url_is_not_followed()
    {
        using var browser = _identity.CreateBrowser();
        var fields = await OAuth.ReadSignInFormAsync(browser, "/account/login?returnUrl=https%3A%2F%2Fevil.test%2F");
        fields["Email"] = OAuth.AliceEmail;
        fields["Password"] = OAuth.AlicePassword;
        fields["ReturnUrl"] = "//evil.test/";

        var response = await browser.PostAsync("/account/login", new FormUrlEncodedContent(fields));

        Assert.Equal("/", OAuth.RequireRedirect(response).AbsolutePath);
        Assert.Equal("localhost", OAuth.RequireRedirect(response).Host);
    }
}
