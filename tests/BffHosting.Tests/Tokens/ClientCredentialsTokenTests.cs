using BffPlatform.BffHosting.Tokens;
using BffPlatform.Identity.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BffPlatform.BffHosting.Tests.Tokens;

/// <summary>The door's own token from the real identity: bff-web's client, catalog.read only, fetched once, renewed before expiry.</summary>
public sealed class ClientCredentialsTokenTests : IClassFixture<ClientCredentialsTokenTests.Identity>
{
    private readonly IdentityFactory _identity;

    public ClientCredentialsTokenTests(Identity identity) => _identity = identity.Factory;

    [Fact]
    public async Task The_doors_token_carries_its_scopes_and_is_fetched_once_for_many_callers()
    {
        await using var host = Host();
        var tokens = host.Services.GetRequiredService<UpstreamTokens>();

        var all = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => tokens.GetAsync(null, UpstreamToken.Client, CancellationToken.None).AsTask()));

        Assert.Single(all.Distinct());
        Assert.Equal(1, host.TokenCalls.Count);
        var token = OAuth.Read(all[0]!);
        Assert.Equal(OAuth.BffWeb, token.Subject);
        Assert.Equal(["core-api"], token.Audiences);
        Assert.Equal("core-api catalog.read", token.GetClaim("scope").Value);
    }

    [Fact]
    public async Task The_doors_token_is_renewed_shortly_before_it_expires()
    {
        await using var host = Host();
        var source = host.Services.GetRequiredService<IClientTokenSource>();
        var first = await source.GetAsync(CancellationToken.None);

        // identity's tokens live 15 minutes and the door renews 60 s before. identity computes
        // expires_in on its own clock, so it may say 899 s: stay clear of the 14-minute edge.
        host.Time.Advance(TimeSpan.FromMinutes(13));
        Assert.Equal(first, await source.GetAsync(CancellationToken.None));
        host.Time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(2));
        var renewed = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => source.GetAsync(CancellationToken.None).AsTask()));

        Assert.Equal(2, host.TokenCalls.Count);
        Assert.Single(renewed.Distinct());
    }

    [Fact]
    public async Task Scopes_the_client_may_not_have_give_no_token_and_say_why()
    {
        await using var host = Host(scopes: "orders.write");
        var source = host.Services.GetRequiredService<IClientTokenSource>();

        var error = await Assert.ThrowsAsync<UpstreamTokenException>(() => source.GetAsync(CancellationToken.None).AsTask());

        Assert.Contains("invalid_scope", error.Message);
    }

    private TokenHost Host(string scopes = "core-api catalog.read")
    {
        var settings = new Dictionary<string, string?>
        {
            ["TokenClient:ClientId"] = OAuth.BffWeb,
            ["TokenClient:ClientSecret"] = OAuth.BffWebSecret,
        };
        var list = scopes.Split(' ');
        for (var i = 0; i < list.Length; i++) settings[$"TokenClient:Scopes:{i}"] = list[i];
        return TokenHost.Create(_identity, builder => builder.AddClientCredentialsToken(), settings);
    }

    public sealed class Identity : IDisposable
    {
        public IdentityFactory Factory { get; } = new();
        public void Dispose() => Factory.Dispose();
    }
}
