using System.Net;
using BffPlatform.Contracts.Partners;

namespace BffPlatform.Security.Tests.Api2;

/// <summary>API2 broken authentication, cookie and key doors: bff-web's session cookie after logout and planted before sign-in; public-api's keys revoked, malformed, of another kind, or guessed.</summary>
[Collection(SecurityCollection.Name)]
[Trait("owasp", "API2")]
public sealed class SessionAndKeyAttackTests(SecurityPlatform platform)
{
    private const string SessionCookie = "__Host-bff";

    [Fact]
    public async Task A_session_cookie_replayed_after_logout_is_refused()
    {
        using var browser = new TestBrowser();
        var cookie = await browser.SignInSessionAsync(platform.WebUrl, DemoUsers.Dave.Email, DemoUsers.Dave.Password);
        var logoutUrl = await LogoutUrlAsync(browser);

        using var logout = await browser.GetAsync(platform.WebUrl + logoutUrl);
        Assert.Equal(HttpStatusCode.Found, logout.StatusCode);

        using var replay = new TestBrowser();
        replay.SetCookie(platform.WebUrl, SessionCookie, cookie);
        await (await replay.ApiAsync(HttpMethod.Get, platform.WebUrl + "/api/me")).AssertProblemAsync(401, "unauthorized");
        await (await replay.ApiAsync(HttpMethod.Get, platform.WebUrl + "/api/orders")).AssertProblemAsync(401, "unauthorized");
    }

    [Fact]
    public async Task A_session_cookie_planted_before_sign_in_does_not_become_the_victims_session()
    {
        // The attacker's own valid session, planted in the victim's browser (session fixation).
        using var attacker = new TestBrowser();
        var planted = await attacker.SignInSessionAsync(platform.WebUrl, DemoUsers.Bob.Email, DemoUsers.Bob.Password);

        using var victim = new TestBrowser();
        victim.SetCookie(platform.WebUrl, SessionCookie, planted);
        var victimsCookie = await victim.SignInSessionAsync(platform.WebUrl, DemoUsers.Erin.Email, DemoUsers.Erin.Password);

        Assert.NotEqual(planted, victimsCookie);
        Assert.Equal(DemoUsers.Erin.Email, await EmailOfAsync(victim));
        // The planted cookie still opens the attacker's own session, never the victim's.
        Assert.Equal(DemoUsers.Bob.Email, await EmailOfAsync(attacker));
    }

    [Fact]
    public async Task A_made_up_session_cookie_is_refused()
    {
        using var browser = new TestBrowser();
        browser.SetCookie(platform.WebUrl, SessionCookie, "CfDJ8" + new string('A', 300));
        await (await browser.ApiAsync(HttpMethod.Get, platform.WebUrl + "/api/me")).AssertProblemAsync(401, "unauthorized");
    }

    [Fact]
    public async Task A_revoked_key_is_refused()
    {
        var issued = await platform.IssueKeyAsync(platform.PartnerA.Id, ApiKeyKinds.Test, PartnerScopes.All);
        await platform.RevokeKeyAsync(platform.PartnerA.Id, issued.Key.Id);

        using var api = SecurityPlatform.Client(platform.PublicUrl, issued.Secret);
        await (await api.GetAsync("/api/v2/ping")).AssertProblemAsync(401, "api_key_revoked");
    }

    [Theory]
    [InlineData("Bearer bp_test_", "api_key_malformed")]
    [InlineData("Bearer bp_test_nXd8YEG2p0P4gWqvRflbP0b3wFdPOj1qSh3r", "api_key_malformed")]
    [InlineData("Bearer bp_prod_nXd8YEG2p0P4gWqvRflbP0b3wFdPOj1qSh3q", "api_key_malformed")]
    [InlineData("Bearer bp_test_nXd8YEG2p0P4gWqvRflbP0b3wFdPOj1qSh3q bp_test_nXd8YEG2p0P4gWqvRflbP0b3wFdPOj1qSh3q", "api_key_malformed")]
    [InlineData("Bearer ' OR 1=1 --", "api_key_malformed")]
    [InlineData("Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", "api_key_malformed")]
    // Another scheme is an Authorization header public-api cannot read: malformed, not missing.
    [InlineData("Basic YnBfdGVzdDp4", "api_key_malformed")]
    [InlineData("", "api_key_missing")]
    public async Task A_malformed_or_altered_key_is_refused(string authorization, string code)
    {
        using var api = SecurityPlatform.Client(platform.PublicUrl);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v2/ping");
        if (authorization.Length > 0) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        await (await api.SendAsync(request)).AssertProblemAsync(401, code);
    }

    [Fact]
    public async Task A_well_formed_key_nobody_was_given_is_refused()
    {
        // Right shape and checksum: only core-api can tell it was never issued.
        using var api = SecurityPlatform.Client(platform.PublicUrl, ApiKeyFormat.Generate(ApiKeyKinds.Live));
        await (await api.GetAsync("/api/v2/ping")).AssertProblemAsync(401, "api_key_invalid");
    }

    [Fact]
    public async Task A_publishable_key_cannot_authenticate_writes()
    {
        using var api = SecurityPlatform.Client(platform.PublicUrl, BffPlatform.Testing.Partners.DemoPartner.PublishableKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/orders")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { lines = new[] { new { productId = platform.ProductId, quantity = 1 } } }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        using var response = await api.SendAsync(request);
        Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized, $"answered {(int)response.StatusCode}");
    }

    /// <summary>The logout link bff-web gives the SPA (it carries the session's sid).</summary>
    private async Task<string> LogoutUrlAsync(TestBrowser browser)
    {
        using var user = await browser.ApiAsync(HttpMethod.Get, platform.WebUrl + "/bff/user");
        var claims = (await user.JsonAsync()).AsArray();
        return claims.First(c => c!["type"]!.GetValue<string>() == "bff:logout_url")!["value"]!.GetValue<string>();
    }

    private async Task<string?> EmailOfAsync(TestBrowser browser)
    {
        using var me = await browser.ApiAsync(HttpMethod.Get, platform.WebUrl + "/api/me");
        return (await me.JsonAsync())["email"]?.GetValue<string>();
    }
}
