using System.Net;
using BffPlatform.BffWeb.Tests.Infrastructure;
using BffPlatform.BffWeb.Tests.Integration.Infrastructure;
using BffPlatform.Contracts.Common;
using Microsoft.AspNetCore.Authentication;

namespace BffPlatform.BffWeb.Tests.Integration;

/// <summary>/bff/logout and identity's back-channel logout, with the real identity.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class LogoutAndBackchannelTests(IntegrationPlatform platform)
{
    private LiveBffWeb Bff => platform.Bff;

    [Theory]
    [InlineData("")]
    [InlineData("?sid=")]
    [InlineData("?sid=someone-elses-sid")]
    public async Task Logout_without_the_sessions_sid_does_not_sign_out(string query)
    {
        using var browser = new TestBrowser();
        var cookie = await browser.SignInSessionAsync(Bff.BaseUrl, DemoUsers.Alice.Email, DemoUsers.Alice.Password);

        using var response = await browser.GetAsync(Bff.BaseUrl + "/bff/logout" + query);

        await response.AssertProblemAsync(400, ErrorCodes.MalformedRequest);
        using var user = await browser.ApiAsync(HttpMethod.Get, Bff.BaseUrl + "/bff/user");
        Assert.Equal(HttpStatusCode.OK, user.StatusCode);
        Assert.NotNull(await Bff.SessionOfAsync(cookie));
    }

    [Fact]
    public async Task Logout_ends_the_session_revokes_the_refresh_token_and_signs_out_at_identity()
    {
        using var browser = new TestBrowser();
        var cookie = await browser.SignInSessionAsync(Bff.BaseUrl, DemoUsers.Alice.Email, DemoUsers.Alice.Password);
        var session = (await Bff.SessionOfAsync(cookie))!;
        var refreshToken = Bff.TokensOf(session).GetTokenValue("refresh_token")!;
        var sid = session.SessionId!;

        using var logout = await browser.GetAsync($"{Bff.BaseUrl}/bff/logout?sid={Uri.EscapeDataString(sid)}");

        // RP-initiated logout: the browser goes to identity's end-session endpoint.
        Assert.Equal(HttpStatusCode.Found, logout.StatusCode);
        Assert.StartsWith(platform.IdentityUrl + "/connect/endsession", logout.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        using var home = await browser.FollowAsync(logout);
        Assert.True(home.StatusCode == HttpStatusCode.OK, $"{(int)home.StatusCode} at {home.RequestMessage!.RequestUri}: {await home.Content.ReadAsStringAsync()}");
        Assert.Equal(Bff.BaseUrl + "/", home.RequestMessage!.RequestUri!.AbsoluteUri);

        // The session is gone server-side: the old cookie value no longer works, even replayed by hand.
        Assert.Null(await Bff.SessionOfAsync(cookie));
        using var replay = new TestBrowser();
        replay.SetCookie(Bff.BaseUrl, "__Host-bff", cookie);
        await (await replay.ApiAsync(HttpMethod.Get, Bff.BaseUrl + "/bff/user")).AssertProblemAsync(401, ErrorCodes.Unauthorized);
        await (await replay.ApiAsync(HttpMethod.Get, Bff.BaseUrl + "/api/me")).AssertProblemAsync(401, ErrorCodes.Unauthorized);

        // identity refuses the refresh token now.
        var (status, error) = await IdentityCalls.RedeemRefreshTokenAsync(platform.IdentityUrl, refreshToken);
        Assert.Equal(400, status);
        Assert.Equal("invalid_grant", error);

        // And identity's own session ended: the next sign-in asks for credentials again.
        using var login = await browser.FollowAsync(await browser.GetAsync(Bff.BaseUrl + "/bff/login"));
        Assert.Equal(platform.IdentityUrl + "/account/login", login.RequestMessage!.RequestUri!.GetLeftPart(UriPartial.Path));
    }

    [Fact]
    public async Task Signing_out_at_identity_ends_the_bff_session_through_back_channel_logout()
    {
        using var browser = new TestBrowser();
        var cookie = await browser.SignInSessionAsync(Bff.BaseUrl, DemoUsers.Alice.Email, DemoUsers.Alice.Password);
        using var other = new TestBrowser();
        var otherCookie = await other.SignInSessionAsync(Bff.BaseUrl, DemoUsers.Alice.Email, DemoUsers.Alice.Password);
        Assert.Equal(HttpStatusCode.OK, (await browser.ApiAsync(HttpMethod.Get, Bff.BaseUrl + "/bff/user")).StatusCode);

        // The user signs out at identity directly (its end-session endpoint, with identity's cookie).
        using var endSession = await browser.FollowAsync(await browser.GetAsync(platform.IdentityUrl + "/connect/endsession"));
        Assert.Equal(HttpStatusCode.OK, endSession.StatusCode);

        Assert.Null(await Bff.SessionOfAsync(cookie));
        await (await browser.ApiAsync(HttpMethod.Get, Bff.BaseUrl + "/bff/user")).AssertProblemAsync(401, ErrorCodes.Unauthorized);
        // Only that identity session (sid) ended: the same user's other browser stays signed in.
        Assert.NotNull(await Bff.SessionOfAsync(otherCookie));
        Assert.Equal(HttpStatusCode.OK, (await other.ApiAsync(HttpMethod.Get, Bff.BaseUrl + "/bff/user")).StatusCode);
    }
}
