using System.Net;
using BffPlatform.BffWeb.Tests.Infrastructure;
using BffPlatform.Contracts.Common;

namespace BffPlatform.BffWeb.Tests.Management;

public sealed class LogoutTests : IDisposable
{
    private readonly BffWebFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("/bff/logout")]
    [InlineData("/bff/logout?sid=")]
    [InlineData("/bff/logout?sid=someone-elses")]
    public async Task Logout_without_the_right_sid_does_not_sign_out(string path)
    {
        using var browser = _factory.CreateBrowser();
        var (refreshToken, _) = await _factory.SignInAsync(browser, sid: "sid-1");

        var response = await browser.GetAsync(path);

        await response.AssertProblemAsync(400, ErrorCodes.MalformedRequest);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetApiAsync("/bff/user")).StatusCode);
        Assert.Empty(_factory.Identity.Revoked);
        Assert.True(_factory.Identity.IsLive(refreshToken));
    }

    [Fact]
    public async Task Logout_ends_the_session_revokes_the_refresh_token_and_signs_out_at_identity()
    {
        using var browser = _factory.CreateBrowser();
        var (refreshToken, oldCookie) = await _factory.SignInAsync(browser, sid: "sid-1");
        using var cookieOnly = _factory.CreateClient(new() { BaseAddress = new Uri("https://localhost"), HandleCookies = false });

        var response = await browser.GetAsync("/bff/logout?sid=sid-1");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith(FakeIdentityProvider.Issuer + "connect/endsession", location.AbsoluteUri);
        var query = System.Web.HttpUtility.ParseQueryString(location.Query);
        Assert.Equal("id-token", query["id_token_hint"]);
        Assert.Equal("https://localhost/signout-callback-oidc", query["post_logout_redirect_uri"]);
        Assert.Contains(refreshToken, _factory.Identity.Revoked);
        Assert.False(_factory.Identity.IsLive(refreshToken));

        // The old cookie value points at a session that no longer exists.
        var replay = Http.Api(HttpMethod.Get, "/bff/user");
        replay.Headers.Add("Cookie", oldCookie);
        await (await cookieOnly.SendAsync(replay)).AssertProblemAsync(401, ErrorCodes.Unauthorized);
    }

    [Fact]
    public async Task Logout_when_signed_out_just_goes_home()
    {
        using var browser = _factory.CreateBrowser();

        var response = await browser.GetAsync("/bff/logout?sid=anything");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }
}
