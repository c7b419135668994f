using System.Net;
using BffPlatform.BffWeb.Sessions;
using BffPlatform.BffWeb.Tests.Infrastructure;
using BffPlatform.Contracts.Common;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;

namespace BffPlatform.BffWeb.Tests.Authentication;

public sealed class TokenRefreshTests : IDisposable
{
    private readonly BffWebFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task A_fresh_access_token_is_not_refreshed()
    {
        using var browser = _factory.CreateBrowser();
        await _factory.SignInAsync(browser, accessTokenLifetime: TimeSpan.FromMinutes(30));

        Assert.Equal(HttpStatusCode.OK, (await browser.GetApiAsync("/bff/user")).StatusCode);

        Assert.Equal(0, _factory.Identity.TokenCalls);
    }

    [Fact]
    public async Task An_expired_access_token_under_20_concurrent_requests_is_refreshed_exactly_once()
    {
        using var browser = _factory.CreateBrowser();
        var (refreshToken, _) = await _factory.SignInAsync(browser, accessTokenLifetime: TimeSpan.FromMinutes(5));
        _factory.Time.Advance(TimeSpan.FromMinutes(10));

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => browser.GetApiAsync("/bff/user")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, _factory.Identity.TokenCalls);
        Assert.False(_factory.Identity.IsLive(refreshToken));
        // The stored session holds the rotated refresh token, which identity still accepts.
        var stored = await StoredTokensAsync("alice");
        Assert.True(_factory.Identity.IsLive(stored.GetTokenValue("refresh_token")!));
        Assert.StartsWith("at-rt-", stored.GetTokenValue("access_token"));
        Assert.Equal(0, ((InProcessSessionLock)_factory.Services.GetRequiredService<ISessionLock>()).ActiveKeys);

        // And it keeps working afterwards without another refresh.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetApiAsync("/bff/user")).StatusCode);
        Assert.Equal(1, _factory.Identity.TokenCalls);
    }

    [Fact]
    public async Task A_token_about_to_expire_is_refreshed_ahead_of_time()
    {
        using var browser = _factory.CreateBrowser();
        await _factory.SignInAsync(browser, accessTokenLifetime: TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.OK, (await browser.GetApiAsync("/bff/user")).StatusCode);

        Assert.Equal(1, _factory.Identity.TokenCalls);
    }

    [Fact]
    public async Task A_refused_refresh_ends_the_session_with_401()
    {
        using var browser = _factory.CreateBrowser();
        var (refreshToken, _) = await _factory.SignInAsync(browser, accessTokenLifetime: TimeSpan.FromMinutes(5));
        // Identity revoked it (e.g. the user signed out elsewhere).
        _factory.Identity.Kill(refreshToken);
        _factory.Time.Advance(TimeSpan.FromMinutes(10));

        await (await browser.GetApiAsync("/bff/user")).AssertProblemAsync(401, ErrorCodes.Unauthorized);

        var store = _factory.Services.GetRequiredService<IUserSessionStore>();
        Assert.Empty(await store.ListBySubjectAsync("alice", CancellationToken.None));
    }

    private async Task<AuthenticationProperties> StoredTokensAsync(string subject)
    {
        var store = _factory.Services.GetRequiredService<IUserSessionStore>();
        var tickets = _factory.Services.GetRequiredService<ServerSideTicketStore>();
        var session = Assert.Single(await store.ListBySubjectAsync(subject, CancellationToken.None));
        return tickets.Unprotect(session.Ticket)!.Properties;
    }
}
