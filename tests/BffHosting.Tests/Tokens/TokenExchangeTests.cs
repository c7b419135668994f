using System.Security.Claims;
using BffPlatform.BffHosting.Tokens;
using BffPlatform.Identity.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace BffPlatform.BffHosting.Tests.Tokens;

/// <summary>
/// Source (b), bff-mobile's: the caller's bearer token exchanged (RFC 8693) at the real identity for a
/// core-api token of the same user, never with wider scopes, cached per caller token.
/// </summary>
public sealed class TokenExchangeTests : IClassFixture<TokenExchangeTests.Identity>
{
    private const string MobileScopes = "openid profile email roles offline_access core-api catalog.read orders.read";
    private static readonly string[] DoorScopes = ["core-api", "catalog.read", "orders.read", "orders.write"];
    private readonly IdentityFactory _identity;

    public TokenExchangeTests(Identity identity) => _identity = identity.Factory;

    [Fact]
    public async Task A_callers_token_becomes_a_core_api_token_of_the_same_user_with_no_wider_scopes()
    {
        await using var host = Host();
        var mobile = await MobileSignInAsync();

        var exchanged = await host.Services.GetRequiredService<UpstreamTokens>().GetAsync(Caller(mobile), UpstreamToken.User, CancellationToken.None);

        Assert.NotNull(exchanged);
        var token = OAuth.Read(exchanged);
        var original = OAuth.Read(mobile);
        Assert.Equal(original.Subject, token.Subject);
        Assert.Equal(["core-api"], token.Audiences);
        Assert.Equal(OAuth.BffMobile, token.GetClaim("client_id").Value);
        // The door would take orders.write too, but the caller's token does not have it.
        Assert.Equal(["catalog.read", "core-api", "orders.read"], token.GetClaim("scope").Value.Split(' ').Order());
    }

    [Fact]
    public async Task The_exchanged_token_is_kept_per_caller_token_until_shortly_before_it_expires()
    {
        await using var host = Host();
        var source = host.Services.GetRequiredService<IUserTokenSource>();
        var alice = await MobileSignInAsync();
        var aliceAgain = await MobileSignInAsync();

        var first = await source.GetAsync(Caller(alice), CancellationToken.None);
        var second = await source.GetAsync(Caller(alice), CancellationToken.None);
        Assert.Equal(first, second);
        Assert.Equal(1, host.TokenCalls.Count);

        // Another caller token is another entry.
        Assert.NotEqual(first, await source.GetAsync(Caller(aliceAgain), CancellationToken.None));
        Assert.Equal(2, host.TokenCalls.Count);

        host.Time.Advance(TimeSpan.FromMinutes(14) + TimeSpan.FromSeconds(1));
        await source.GetAsync(Caller(alice), CancellationToken.None);
        Assert.Equal(3, host.TokenCalls.Count);
    }

    [Fact]
    public async Task Calls_in_parallel_for_one_caller_token_share_one_exchange()
    {
        await using var host = Host();
        var source = host.Services.GetRequiredService<IUserTokenSource>();
        var alice = await MobileSignInAsync();

        // bff-mobile's home asks for the caller's token from three parallel calls to core-api.
        var tokens = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => source.GetAsync(Caller(alice), CancellationToken.None).AsTask()));

        Assert.All(tokens, t => Assert.Equal(tokens[0], t));
        Assert.NotNull(tokens[0]);
        Assert.Equal(1, host.TokenCalls.Count);
    }

    [Fact]
    public async Task A_request_without_a_bearer_token_is_not_exchanged()
    {
        await using var host = Host();
        var tokens = host.Services.GetRequiredService<UpstreamTokens>();

        Assert.Null(await tokens.GetAsync(new DefaultHttpContext(), UpstreamToken.User, CancellationToken.None));
        Assert.Equal(0, host.TokenCalls.Count);
    }

    [Fact]
    public async Task A_caller_holding_none_of_the_doors_scopes_gets_no_token()
    {
        await using var host = Host(scopes: ["orders.write"]);
        var mobile = await MobileSignInAsync();

        Assert.Null(await host.Services.GetRequiredService<IUserTokenSource>().GetAsync(Caller(mobile), CancellationToken.None));
        Assert.Equal(0, host.TokenCalls.Count);
    }

    [Fact]
    public async Task A_token_identity_refuses_to_exchange_gives_no_token()
    {
        await using var host = Host();
        // bff-web's own token names core-api only: OpenIddict lets bff-mobile exchange only tokens meant for it.
        var foreign = await OAuth.ClientCredentialsAsync(_identity.CreateClient(), OAuth.BffWeb, OAuth.BffWebSecret);

        Assert.Null(await host.Services.GetRequiredService<IUserTokenSource>().GetAsync(Caller(foreign.AccessToken!), CancellationToken.None));
        Assert.Equal(1, host.TokenCalls.Count);
    }

    private async Task<string> MobileSignInAsync()
    {
        using var browser = _identity.CreateBrowser();
        var tokens = await OAuth.CodeFlowAsync(_identity, browser, OAuth.MobileApp, null, OAuth.MobileRedirect, MobileScopes);
        return tokens.AccessToken!;
    }

    /// <summary>A request as bff-mobile sees it after JwtBearer: the bearer header, and the token's claims as the user.</summary>
    private static DefaultHttpContext Caller(string accessToken)
    {
        var token = OAuth.Read(accessToken);
        var context = new DefaultHttpContext { User = new ClaimsPrincipal(new ClaimsIdentity(token.Claims, "Bearer")) };
        context.Request.Headers.Authorization = "Bearer " + accessToken;
        return context;
    }

    private TokenHost Host(string[]? scopes = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["TokenClient:ClientId"] = OAuth.BffMobile,
            ["TokenClient:ClientSecret"] = OAuth.BffMobileSecret,
        };
        var list = scopes ?? DoorScopes;
        for (var i = 0; i < list.Length; i++) settings[$"TokenClient:ExchangeScopes:{i}"] = list[i];
        return TokenHost.Create(_identity, builder => builder.AddTokenExchangeUserToken(), settings);
    }

    public sealed class Identity : IDisposable
    {
        public IdentityFactory Factory { get; } = new();
        public void Dispose() => Factory.Dispose();
    }
}
