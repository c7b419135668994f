using BffPlatform.Identity.Tests.Infrastructure;
using Duende.IdentityModel.Client;

namespace BffPlatform.Identity.Tests;

/// <summary>Rotation, the reuse leeway, and chain revocation on reuse after it (time driven by FakeTimeProvider).</summary>
public sealed class RefreshTokenTests
{
    private static readonly TimeSpan Leeway = TimeSpan.FromSeconds(10);

    private static IdentityFactory NewIdentity() =>
        new(settings: new Dictionary<string, string?> { ["Identity:RefreshTokenReuseLeeway"] = Leeway.ToString() });

    [Fact]
    public async Task Each_refresh_rotates_the_refresh_token_and_keeps_the_session_id()
    {
        using var identity = NewIdentity();
        using var browser = identity.CreateBrowser();
        var first = await OAuth.CodeFlowAsync(identity, browser);

        var second = await OAuth.RefreshAsync(identity.CreateClient(), first.RefreshToken!);

        Assert.False(second.IsError, second.ErrorDescription);
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        Assert.Equal(OAuth.Read(first.IdentityToken!).GetClaim("sid").Value, OAuth.Read(second.IdentityToken!).GetClaim("sid").Value);
        Assert.Equal("Alice Martin", OAuth.Read(second.AccessToken!).GetClaim("name").Value);
    }

    [Fact]
    public async Task A_rotated_token_still_works_within_the_leeway_for_concurrent_refreshes()
    {
        using var identity = NewIdentity();
        using var browser = identity.CreateBrowser();
        var first = await OAuth.CodeFlowAsync(identity, browser);
        var http = identity.CreateClient();
        await OAuth.RefreshAsync(http, first.RefreshToken!);

        identity.Time.Advance(Leeway - TimeSpan.FromSeconds(2));
        var concurrent = await OAuth.RefreshAsync(http, first.RefreshToken!);

        Assert.False(concurrent.IsError, concurrent.ErrorDescription);
    }

    [Fact]
    public async Task Reuse_after_the_leeway_is_refused_and_revokes_the_whole_chain()
    {
        using var identity = NewIdentity();
        using var browser = identity.CreateBrowser();
        var first = await OAuth.CodeFlowAsync(identity, browser);
        var http = identity.CreateClient();
        var second = await OAuth.RefreshAsync(http, first.RefreshToken!);
        Assert.False(second.IsError, second.ErrorDescription);

        identity.Time.Advance(Leeway + TimeSpan.FromSeconds(1));
        var stolenReplay = await OAuth.RefreshAsync(http, first.RefreshToken!);
        Assert.Equal("invalid_grant", stolenReplay.Error);

        // The legitimate holder's current token is revoked too: the thief and the victim both have to sign in again.
        var legitimate = await OAuth.RefreshAsync(http, second.RefreshToken!);
        Assert.Equal("invalid_grant", legitimate.Error);
    }

    [Fact]
    public async Task The_public_mobile_app_rotates_refresh_tokens_without_a_secret()
    {
        using var identity = NewIdentity();
        using var browser = identity.CreateBrowser();
        var tokens = await OAuth.CodeFlowAsync(identity, browser, OAuth.MobileApp, null, OAuth.MobileRedirect, "openid profile offline_access core-api orders.read");
        var http = identity.CreateClient();

        var rotated = await OAuth.RefreshAsync(http, tokens.RefreshToken!, OAuth.MobileApp, null);
        Assert.False(rotated.IsError, rotated.ErrorDescription);
        Assert.NotEqual(tokens.RefreshToken, rotated.RefreshToken);

        identity.Time.Advance(Leeway + TimeSpan.FromSeconds(1));
        Assert.Equal("invalid_grant", (await OAuth.RefreshAsync(http, tokens.RefreshToken!, OAuth.MobileApp, null)).Error);
        Assert.Equal("invalid_grant", (await OAuth.RefreshAsync(http, rotated.RefreshToken!, OAuth.MobileApp, null)).Error);
    }

    [Fact]
    public async Task A_refresh_token_of_one_client_cannot_be_used_by_another()
    {
        using var identity = NewIdentity();
        using var browser = identity.CreateBrowser();
        var mobile = await OAuth.CodeFlowAsync(identity, browser, OAuth.MobileApp, null, OAuth.MobileRedirect, "openid offline_access core-api");

        var stolen = await OAuth.RefreshAsync(identity.CreateClient(), mobile.RefreshToken!, OAuth.BffWeb, OAuth.BffWebSecret);

        Assert.Equal("invalid_grant", stolen.Error);
    }

    [Fact]
    public async Task A_revoked_refresh_token_is_refused()
    {
        using var identity = NewIdentity();
        using var browser = identity.CreateBrowser();
        var tokens = await OAuth.CodeFlowAsync(identity, browser);
        var http = identity.CreateClient();

        var revoked = await http.RevokeTokenAsync(new TokenRevocationRequest
        {
            Address = OAuth.RevocationEndpoint, ClientId = OAuth.BffWeb, ClientSecret = OAuth.BffWebSecret,
            Token = tokens.RefreshToken!, TokenTypeHint = "refresh_token",
        });

        Assert.False(revoked.IsError, revoked.Error);
        Assert.Equal("invalid_grant", (await OAuth.RefreshAsync(http, tokens.RefreshToken!)).Error);
    }

    [Fact]
    public async Task Tokens_expire_on_identitys_clock()
    {
        using var identity = NewIdentity();
        using var browser = identity.CreateBrowser();
        var tokens = await OAuth.CodeFlowAsync(identity, browser);

        identity.Time.Advance(TimeSpan.FromDays(15));

        Assert.Equal("invalid_grant", (await OAuth.RefreshAsync(identity.CreateClient(), tokens.RefreshToken!)).Error);
    }
}
