using System.Net;
using BffPlatform.BffWeb.Tests.Infrastructure;
using BffPlatform.BffWeb.Tests.Integration.Infrastructure;
using BffPlatform.Contracts.Common;
using Microsoft.AspNetCore.Authentication;

namespace BffPlatform.BffWeb.Tests.Integration;

/// <summary>Access-token refresh against identity's real token endpoint (rotation and reuse detection on).</summary>
[Collection(IntegrationCollection.Name)]
public sealed class TokenRefreshTests(IntegrationPlatform platform)
{
    private LiveBffWeb Bff => platform.Bff;

    [Fact]
    public async Task An_expired_access_token_under_20_concurrent_requests_is_refreshed_exactly_once_and_nobody_is_signed_out()
    {
        using var browser = new TestBrowser();
        var cookie = await browser.SignInSessionAsync(Bff.BaseUrl, DemoUsers.Staff.Email, DemoUsers.Staff.Password);
        var session = (await Bff.SessionOfAsync(cookie))!;
        var before = Bff.TokensOf(session);
        await Bff.ExpireAccessTokenAsync(session);
        var calls = Bff.TokenCalls.Count;

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            browser.ApiAsync(HttpMethod.Get, Bff.BaseUrl + (i % 2 == 0 ? "/api/products?pageSize=5" : "/bff/user"))));

        foreach (var response in responses)
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.RequestMessage!.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        Assert.Equal(1, Bff.TokenCalls.Count - calls);
        var after = Bff.TokensOf((await Bff.SessionOfAsync(cookie))!);
        Assert.NotEqual(before.GetTokenValue("access_token"), after.GetTokenValue("access_token"));
        Assert.NotEqual(before.GetTokenValue("refresh_token"), after.GetTokenValue("refresh_token"));
        Assert.True(DateTimeOffset.Parse(after.GetTokenValue("expires_at")!, System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow);

        // Still signed in, with no further refresh: the stored tokens are the rotated ones.
        using var again = await browser.ApiAsync(HttpMethod.Get, Bff.BaseUrl + "/api/products?pageSize=5");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, Bff.TokenCalls.Count - calls);
        // The rotated refresh token is the live one at identity.
        var (status, _) = await IdentityCalls.RedeemRefreshTokenAsync(platform.IdentityUrl, after.GetTokenValue("refresh_token")!);
        Assert.Equal(200, status);
    }

    [Fact]
    public async Task A_refresh_identity_refuses_ends_the_session_with_401()
    {
        using var browser = new TestBrowser();
        var cookie = await browser.SignInSessionAsync(Bff.BaseUrl, DemoUsers.Staff.Email, DemoUsers.Staff.Password);
        var session = (await Bff.SessionOfAsync(cookie))!;
        await IdentityCalls.RevokeAsync(platform.IdentityUrl, Bff.TokensOf(session).GetTokenValue("refresh_token")!);
        await Bff.ExpireAccessTokenAsync(session);

        // A call only a session may make (the catalog would answer a visitor).
        using var response = await browser.ApiAsync(HttpMethod.Get, Bff.BaseUrl + "/api/me");

        await response.AssertProblemAsync(401, ErrorCodes.Unauthorized);
        Assert.Null(await Bff.SessionOfAsync(cookie));
        await (await browser.ApiAsync(HttpMethod.Get, Bff.BaseUrl + "/bff/user")).AssertProblemAsync(401, ErrorCodes.Unauthorized);
    }
}
