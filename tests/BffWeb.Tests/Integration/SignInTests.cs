using System.Net;
using BffPlatform.BffWeb.Tests.Infrastructure;
using BffPlatform.BffWeb.Tests.Integration.Infrastructure;
using BffPlatform.Contracts.Bff;
using Microsoft.AspNetCore.Authentication;

namespace BffPlatform.BffWeb.Tests.Integration;

/// <summary>The real sign-in through identity's page, and the session cookie it ends with.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class SignInTests(IntegrationPlatform platform)
{
    [Fact]
    public async Task Signing_in_through_identity_returns_to_the_local_return_url_with_a_session()
    {
        using var browser = new TestBrowser();

        using var response = await browser.SignInAsync(platform.Bff.BaseUrl, DemoUsers.Bob.Email, DemoUsers.Bob.Password, "/orders?page=2");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/orders?page=2", response.Headers.Location?.OriginalString);
        using var user = await browser.ApiAsync(HttpMethod.Get, platform.Bff.BaseUrl + "/bff/user");
        var claims = (await user.JsonAsync()).AsArray().Select(c => (Type: c!["type"]!.GetValue<string>(), Value: c["value"]!.ToString())).ToList();
        Assert.Contains(claims, c => c.Type == "email" && c.Value == DemoUsers.Bob.Email);
        Assert.Contains(claims, c => c.Type == "sub" && c.Value.Length > 0);
        var sid = Assert.Single(claims, c => c.Type == "sid").Value;
        Assert.Contains(claims, c => c.Type == BffClaimTypes.LogoutUrl && c.Value == "/bff/logout?sid=" + Uri.EscapeDataString(sid));
        Assert.True(long.Parse(Assert.Single(claims, c => c.Type == BffClaimTypes.SessionExpiresIn).Value, System.Globalization.CultureInfo.InvariantCulture) > 0);
        // Only what the SPA needs: identity's session really carries OpenIddict's internal ids
        // (oi_au_id, oi_tkn_id) and more; none of them reach the browser.
        Assert.All(claims, c => Assert.True(
            BffClaimTypes.Shown.Contains(c.Type) || c.Type is BffClaimTypes.LogoutUrl or BffClaimTypes.SessionExpiresIn,
            $"/bff/user shows the claim '{c.Type}'"));
        Assert.DoesNotContain(claims, c => c.Type.StartsWith("oi_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_session_cookie_is_host_prefixed_http_only_secure_strict_on_the_root_path_without_domain()
    {
        using var browser = new TestBrowser();

        using var response = await browser.SignInAsync(platform.Bff.BaseUrl, DemoUsers.Bob.Email, DemoUsers.Bob.Password);

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-", StringComparison.Ordinal));
        var attributes = cookie.Split(';').Skip(1).Select(a => a.Trim()).ToList();
        Assert.StartsWith("__Host-bff=", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", attributes, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("secure", attributes, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", attributes, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("path=/", attributes, StringComparer.OrdinalIgnoreCase);
        Assert.DoesNotContain(attributes, a => a.StartsWith("domain", StringComparison.OrdinalIgnoreCase));
        // The cookie carries only a key to the server-side session: no tokens in it.
        var value = TestBrowser.SessionCookieValue(response)!;
        Assert.True(value.Length < 1024, $"The cookie is {value.Length} characters: tokens are in it?");
        var session = await platform.Bff.SessionOfAsync(value);
        Assert.NotNull(session);
        Assert.False(string.IsNullOrEmpty(platform.Bff.TokensOf(session).GetTokenValue("refresh_token")));
    }

    [Fact]
    public async Task A_wrong_password_at_identity_creates_no_session()
    {
        using var browser = new TestBrowser();

        using var page = await browser.SubmitCredentialsAsync(platform.Bff.BaseUrl, DemoUsers.Bob.Email, "not-the-password");

        // identity shows its page again with the error; nothing is posted back to bff-web.
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Invalid email or password.", html);
        Assert.Contains("action=\"/account/login\"", html);
        Assert.DoesNotContain("name=\"code\"", html);
        using var user = await browser.ApiAsync(HttpMethod.Get, platform.Bff.BaseUrl + "/bff/user");
        await user.AssertProblemAsync(401, Contracts.Common.ErrorCodes.Unauthorized);
    }
}
