using System.Net;
using BffPlatform.Identity.Tests.Infrastructure;
using Duende.IdentityModel.Client;

namespace BffPlatform.Identity.Tests;

/// <summary>Unknown client, wrong redirect URI, PKCE missing or wrong, replayed codes.</summary>
public sealed class AuthorizeAttackTests(SharedIdentity shared) : IClassFixture<SharedIdentity>
{
    private readonly IdentityFactory _identity = shared.Identity;

    [Fact]
    public async Task An_unknown_client_gets_a_problem_not_a_redirect()
    {
        using var browser = _identity.CreateBrowser();
        var (_, challenge) = OAuth.NewPkce();
        var response = await browser.GetAsync(OAuth.AuthorizeUrl("evil-client", "https://evil.test/cb", "openid", challenge));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_unregistered_redirect_uri_gets_a_problem_not_a_redirect()
    {
        using var browser = _identity.CreateBrowser();
        var (_, challenge) = OAuth.NewPkce();
        var response = await browser.GetAsync(OAuth.AuthorizeUrl(OAuth.BffWeb, "https://evil.test/signin-oidc", "openid", challenge));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("redirect_uri", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_code_request_without_pkce_is_refused()
    {
        using var browser = _identity.CreateBrowser();
        var response = await browser.GetAsync(OAuth.AuthorizeUrl(OAuth.BffWeb, OAuth.BffWebRedirect, "openid", codeChallenge: null));

        // OpenIddict checks parameters before it has validated redirect_uri, so it answers here rather than redirecting.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("'code_challenge' parameter is missing", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_plain_pkce_method_is_refused()
    {
        using var browser = _identity.CreateBrowser();
        var url = new RequestUrl(OAuth.AuthorizeEndpoint).CreateAuthorizeUrl(OAuth.BffWeb, "code", "openid", OAuth.BffWebRedirect,
            state: "s", codeChallenge: "a-plain-challenge-that-is-long-enough-1234567890", codeChallengeMethod: "plain");

        var response = await browser.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'code_challenge_method' is not supported", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_missing_or_wrong_code_verifier_is_refused()
    {
        using var browser = _identity.CreateBrowser();
        var (verifier, challenge) = OAuth.NewPkce();
        var code = await OAuth.SignInAndAuthorizeAsync(browser, OAuth.BffWeb, OAuth.BffWebRedirect, OAuth.BffWebScopes, challenge);
        var http = _identity.CreateClient();

        var missing = await OAuth.RedeemCodeAsync(http, code.Code!, verifier: null);
        Assert.Equal("invalid_request", missing.Error);

        // A fresh code: a refused redemption may burn the first one.
        code = await OAuth.SignInAndAuthorizeAsync(browser, OAuth.BffWeb, OAuth.BffWebRedirect, OAuth.BffWebScopes, challenge);
        var wrong = await OAuth.RedeemCodeAsync(http, code.Code!, verifier + "x");
        Assert.Equal("invalid_grant", wrong.Error);

        code = await OAuth.SignInAndAuthorizeAsync(browser, OAuth.BffWeb, OAuth.BffWebRedirect, OAuth.BffWebScopes, challenge);
        var right = await OAuth.RedeemCodeAsync(http, code.Code!, verifier);
        Assert.False(right.IsError, right.ErrorDescription);
    }

    [Fact]
    public async Task A_replayed_code_is_refused_and_revokes_what_the_first_redemption_issued()
    {
        using var browser = _identity.CreateBrowser();
        var (verifier, challenge) = OAuth.NewPkce();
        var code = await OAuth.SignInAndAuthorizeAsync(browser, OAuth.BffWeb, OAuth.BffWebRedirect, OAuth.BffWebScopes, challenge);
        var http = _identity.CreateClient();
        var first = await OAuth.RedeemCodeAsync(http, code.Code!, verifier);
        Assert.False(first.IsError, first.ErrorDescription);

        var replay = await OAuth.RedeemCodeAsync(http, code.Code!, verifier);
        Assert.Equal("invalid_grant", replay.Error);

        var refresh = await OAuth.RefreshAsync(http, first.RefreshToken!);
        Assert.Equal("invalid_grant", refresh.Error);
    }

    [Fact]
    public async Task A_code_issued_to_one_client_cannot_be_redeemed_by_another()
    {
        using var browser = _identity.CreateBrowser();
        var (verifier, challenge) = OAuth.NewPkce();
        var code = await OAuth.SignInAndAuthorizeAsync(browser, OAuth.MobileApp, OAuth.MobileRedirect, "openid core-api", challenge);

        var stolen = await OAuth.RedeemCodeAsync(_identity.CreateClient(), code.Code!, verifier, OAuth.BffWeb, OAuth.BffWebSecret, OAuth.MobileRedirect);

        Assert.True(stolen.IsError);
        Assert.Contains(OAuth.ErrorCode(stolen), new[] { "invalid_grant", "invalid_request" });
    }
}
