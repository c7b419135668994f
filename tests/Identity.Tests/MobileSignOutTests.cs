using System.Net;
using BffPlatform.Identity.Tests.Infrastructure;
using Duende.IdentityModel.Client;

namespace BffPlatform.Identity.Tests;

/// <summary>
/// Both ways an app signs out — RFC 7009 revocation of its refresh token, and RP-initiated logout
/// with id_token_hint — revoke the whole authorization: the refresh token rotated away moments
/// before (still inside the reuse leeway, where it would otherwise be honoured) dies with the
/// current one, and the app's access token can no longer be exchanged by bff-mobile.
/// </summary>
public sealed class MobileSignOutTests
{
    private static readonly TimeSpan Leeway = TimeSpan.FromSeconds(10);
    private const string Scopes = "openid profile offline_access core-api catalog.read orders.read";
    private const string Redirect = "http://127.0.0.1:50123/callback";
    private const string PostLogout = "http://127.0.0.1:50123/signout";

    private static IdentityFactory NewIdentity() =>
        new(settings: new Dictionary<string, string?> { ["Identity:RefreshTokenReuseLeeway"] = Leeway.ToString() });

    /// <summary>bff-mobile's exchange of an app token for a core-api token.</summary>
    internal static Task<TokenResponse> ExchangeAsync(HttpClient http, string appAccessToken) =>
        http.RequestTokenExchangeTokenAsync(new TokenExchangeTokenRequest
        {
            Address = OAuth.TokenEndpoint, ClientId = OAuth.BffMobile, ClientSecret = OAuth.BffMobileSecret,
            SubjectToken = appAccessToken, SubjectTokenType = "urn:ietf:params:oauth:token-type:access_token",
            Audience = "core-api", Scope = "core-api orders.read",
        });

    /// <summary>Sign in (R1), refresh (R2), and step a little: R1 is still inside the leeway.</summary>
    private static async Task<(TokenResponse First, TokenResponse Second)> SignInAndRotateAsync(IdentityFactory identity, HttpClient browser)
    {
        var first = await OAuth.CodeFlowAsync(identity, browser, OAuth.MobileApp, null, Redirect, Scopes);
        var second = await OAuth.RefreshAsync(identity.CreateClient(), first.RefreshToken!, OAuth.MobileApp, null);
        Assert.False(second.IsError, second.ErrorDescription);
        identity.Time.Advance(TimeSpan.FromSeconds(2));
        return (first, second);
    }

    private static async Task AssertAuthorizationRevokedAsync(IdentityFactory identity, TokenResponse first, TokenResponse second)
    {
        var http = identity.CreateClient();
        Assert.Equal("invalid_grant", (await OAuth.RefreshAsync(http, first.RefreshToken!, OAuth.MobileApp, null)).Error);
        Assert.Equal("invalid_grant", (await OAuth.RefreshAsync(http, second.RefreshToken!, OAuth.MobileApp, null)).Error);
        var exchanged = await ExchangeAsync(http, second.AccessToken!);
        Assert.True(exchanged.IsError);
        Assert.Null(exchanged.AccessToken);
    }

    [Fact]
    public async Task Without_sign_out_the_rotated_token_and_the_access_token_still_work()
    {
        // The baseline the sign-out tests depend on: without it they would prove nothing.
        using var identity = NewIdentity();
        using var browser = identity.CreateBrowser();
        var (first, second) = await SignInAndRotateAsync(identity, browser);
        var http = identity.CreateClient();

        Assert.False((await ExchangeAsync(http, second.AccessToken!)).IsError);
        Assert.False((await OAuth.RefreshAsync(http, first.RefreshToken!, OAuth.MobileApp, null)).IsError);
    }

    [Fact]
    public async Task Revoking_the_refresh_token_revokes_the_whole_authorization()
    {
        using var identity = NewIdentity();
        using var browser = identity.CreateBrowser();
        var (first, second) = await SignInAndRotateAsync(identity, browser);

        var revoked = await identity.CreateClient().RevokeTokenAsync(new TokenRevocationRequest
        {
            Address = OAuth.RevocationEndpoint, ClientId = OAuth.MobileApp, Token = second.RefreshToken!, TokenTypeHint = "refresh_token",
        });

        Assert.False(revoked.IsError, revoked.Error);
        await AssertAuthorizationRevokedAsync(identity, first, second);
    }

    [Fact]
    public async Task Revoking_leaves_the_users_other_sign_ins_alone()
    {
        using var identity = NewIdentity();
        using var phone = identity.CreateBrowser();
        using var tablet = identity.CreateBrowser();
        var (_, second) = await SignInAndRotateAsync(identity, phone);
        var other = await OAuth.CodeFlowAsync(identity, tablet, OAuth.MobileApp, null, Redirect, Scopes);

        await identity.CreateClient().RevokeTokenAsync(new TokenRevocationRequest
        {
            Address = OAuth.RevocationEndpoint, ClientId = OAuth.MobileApp, Token = second.RefreshToken!, TokenTypeHint = "refresh_token",
        });

        Assert.False((await OAuth.RefreshAsync(identity.CreateClient(), other.RefreshToken!, OAuth.MobileApp, null)).IsError);
    }

    [Fact]
    public async Task Ending_the_session_with_an_id_token_hint_revokes_the_whole_authorization()
    {
        using var identity = NewIdentity();
        using var browser = identity.CreateBrowser();
        var (first, second) = await SignInAndRotateAsync(identity, browser);

        var endSession = await browser.GetAsync(new RequestUrl(OAuth.EndSessionEndpoint)
            .CreateEndSessionUrl(idTokenHint: second.IdentityToken, postLogoutRedirectUri: PostLogout, state: "bye"));

        Assert.StartsWith(PostLogout, OAuth.RequireRedirect(endSession).ToString(), StringComparison.Ordinal);
        await AssertAuthorizationRevokedAsync(identity, first, second);
    }

    [Fact]
    public async Task The_hint_alone_revokes_even_when_the_browser_lost_identitys_cookie()
    {
        using var identity = NewIdentity();
        using var browser = identity.CreateBrowser();
        var (first, second) = await SignInAndRotateAsync(identity, browser);
        using var freshBrowser = identity.CreateBrowser();

        var endSession = await freshBrowser.GetAsync(new RequestUrl(OAuth.EndSessionEndpoint)
            .CreateEndSessionUrl(idTokenHint: first.IdentityToken, postLogoutRedirectUri: PostLogout));

        Assert.Equal(HttpStatusCode.Redirect, endSession.StatusCode);
        await AssertAuthorizationRevokedAsync(identity, first, second);
    }
}
