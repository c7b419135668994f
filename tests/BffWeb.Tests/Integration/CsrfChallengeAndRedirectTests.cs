using System.Net;
using BffPlatform.BffWeb.Tests.Infrastructure;
using BffPlatform.BffWeb.Tests.Integration.Infrastructure;
using BffPlatform.BffWeb.Sessions;
using BffPlatform.Contracts.Common;
using Microsoft.Extensions.DependencyInjection;

namespace BffPlatform.BffWeb.Tests.Integration;

/// <summary>Anti-forgery header, API-style challenges and open-redirect refusals against the real identity.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class CsrfChallengeAndRedirectTests(IntegrationPlatform platform)
{
    [Theory]
    [InlineData("/api/products")]
    [InlineData("/api/core/products")]
    [InlineData("/api/me")]
    [InlineData("/bff/user")]
    public async Task A_signed_in_call_without_x_csrf_is_401(string path)
    {
        using var browser = new TestBrowser();
        await browser.SignInSessionAsync(platform.Bff.BaseUrl, DemoUsers.Bob.Email, DemoUsers.Bob.Password);
        // The same call with the header works: only the header is missing.
        using var withHeader = await browser.ApiAsync(HttpMethod.Get, platform.Bff.BaseUrl + path);
        Assert.True(withHeader.IsSuccessStatusCode, $"{path} with X-CSRF: {(int)withHeader.StatusCode} {await withHeader.Content.ReadAsStringAsync()}");

        using var response = await browser.ApiAsync(HttpMethod.Get, platform.Bff.BaseUrl + path, csrf: false);

        await response.AssertProblemAsync(401, ErrorCodes.CsrfHeaderMissing);
    }

    [Theory]
    [InlineData("GET", "/api/products")]
    [InlineData("GET", "/api/me")]
    [InlineData("GET", "/api/core/products")]
    [InlineData("POST", "/api/core/products")]
    [InlineData("GET", "/bff/user")]
    public async Task Anonymous_api_calls_are_401_not_a_redirect_to_identity(string method, string path)
    {
        using var browser = new TestBrowser();

        using var response = await browser.ApiAsync(new HttpMethod(method), platform.Bff.BaseUrl + path);

        Assert.Null(response.Headers.Location);
        await response.AssertProblemAsync(401, ErrorCodes.Unauthorized);
    }

    [Theory]
    [InlineData("https://evil.test/")]
    [InlineData("http:evil.test")]
    [InlineData("//evil.test")]
    [InlineData("//evil.test/orders")]
    [InlineData("/\\evil.test")]
    [InlineData("\\\\evil.test")]
    [InlineData("/%2Fevil.test")]
    [InlineData("%2F%2Fevil.test")]
    [InlineData("/%5Cevil.test")]
    [InlineData(" //evil.test")]
    [InlineData("/\t/evil.test")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/\uFF0Fevil.test")]
    [InlineData("/%EF%BC%8Fevil.test")]
    public async Task Open_redirect_return_urls_are_400(string returnUrl)
    {
        using var browser = new TestBrowser();

        // Escaped once more on the way, so "%2F" reaches bff-web as the three characters %2F, decoded
        // by the query parser only once: both the raw and the decoded forms are covered by the cases.
        using var escaped = await browser.GetAsync($"{platform.Bff.BaseUrl}/bff/login?returnUrl={Uri.EscapeDataString(returnUrl)}");
        using var raw = await browser.GetAsync($"{platform.Bff.BaseUrl}/bff/login?returnUrl={returnUrl.Replace("\t", "%09", StringComparison.Ordinal).Replace(" ", "%20", StringComparison.Ordinal)}");

        foreach (var response in new[] { escaped, raw })
        {
            Assert.Null(response.Headers.Location);
            await response.AssertProblemAsync(400, ErrorCodes.InvalidReturnUrl);
        }
    }

    [Fact]
    public async Task A_local_return_url_goes_to_identitys_authorize_endpoint()
    {
        using var browser = new TestBrowser();

        using var response = await browser.GetAsync($"{platform.Bff.BaseUrl}/bff/login?returnUrl={Uri.EscapeDataString("/orders")}");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.StartsWith(platform.IdentityUrl + "/connect/authorize?", response.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        Assert.Contains("code_challenge=", response.Headers.Location.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_ascii_return_url_is_followed_percent_encoded()
    {
        using var browser = new TestBrowser();

        using var response = await browser.SignInAsync(platform.Bff.BaseUrl, DemoUsers.Bob.Email, DemoUsers.Bob.Password, "/produits/caf\u00E9?q=\u00E9t\u00E9");

        Assert.True(response.StatusCode == HttpStatusCode.Found, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("/produits/caf%C3%A9?q=%C3%A9t%C3%A9", response.Headers.Location?.OriginalString);
        Assert.NotNull(await platform.Bff.SessionOfAsync(TestBrowser.SessionCookieValue(response)!));
    }

    [Fact]
    public async Task A_sign_in_that_fails_after_its_session_was_stored_leaves_no_session_behind()
    {
        using var first = new TestBrowser();
        var subject = (await platform.Bff.SessionOfAsync(await first.SignInSessionAsync(platform.Bff.BaseUrl, DemoUsers.Bob.Email, DemoUsers.Bob.Password)))!.Subject;
        var store = platform.Bff.Services.GetRequiredService<IUserSessionStore>();
        var before = (await store.ListBySubjectAsync(subject, CancellationToken.None)).Count;

        // What an unencoded non-ASCII return URL did: Kestrel refuses the Location header, after the session was stored.
        platform.Bff.RewriteReturnUri = _ => "/caf\u00E9";
        try
        {
            using var second = new TestBrowser();
            using var failed = await second.SignInAsync(platform.Bff.BaseUrl, DemoUsers.Bob.Email, DemoUsers.Bob.Password);
            Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
            Assert.Null(TestBrowser.SessionCookieValue(failed));
        }
        finally
        {
            platform.Bff.RewriteReturnUri = null;
        }

        // The session is removed once the failed response completes (just after the client has it).
        var after = -1;
        for (var i = 0; i < 50 && after != before; i++)
        {
            if (i > 0) await Task.Delay(100);
            after = (await store.ListBySubjectAsync(subject, CancellationToken.None)).Count;
        }
        Assert.Equal(before, after);
    }
}
