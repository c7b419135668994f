using BffPlatform.Identity.Tests.Infrastructure;

namespace BffPlatform.Identity.Tests;

public sealed class ClientCredentialsTests(SharedIdentity shared) : IClassFixture<SharedIdentity>
{
    private readonly HttpClient _http = shared.Identity.CreateClient();

    [Fact]
    public async Task Internal_tools_get_a_signed_core_api_token_with_their_scopes()
    {
        var response = await OAuth.ClientCredentialsAsync(_http, OAuth.InternalTools, OAuth.InternalToolsSecret, "catalog.read orders.admin");

        Assert.False(response.IsError, response.Error);
        Assert.Null(response.RefreshToken);
        var token = OAuth.Read(response.AccessToken!);
        Assert.Equal("at+jwt", token.Typ);
        Assert.Equal("RS256", token.Alg);
        Assert.Equal(IdentityFactory.Issuer, token.Issuer);
        Assert.Equal(["core-api"], token.Audiences);
        Assert.Equal(OAuth.InternalTools, token.Subject);
        Assert.Equal(OAuth.InternalTools, token.GetClaim("client_id").Value);
        Assert.Equal("catalog.read orders.admin", token.GetClaim("scope").Value);
        Assert.True(token.ValidTo > token.IssuedAt);
    }

    [Fact]
    public async Task Without_a_scope_the_client_gets_all_its_api_scopes()
    {
        var response = await OAuth.ClientCredentialsAsync(_http, OAuth.InternalTools, OAuth.InternalToolsSecret);

        var scopes = OAuth.Read(response.AccessToken!).GetClaim("scope").Value.Split(' ');
        Assert.Contains("outbox.read", scopes);
        Assert.Contains("users.read", scopes);
        Assert.Contains("core-api", scopes);
    }

    [Fact]
    public async Task A_scope_the_client_is_not_granted_is_refused()
    {
        var response = await OAuth.ClientCredentialsAsync(_http, OAuth.BffMobile, OAuth.BffMobileSecret, "catalog.read");
        Assert.True(response.IsError);
        // bff-mobile may only exchange tokens, not use client credentials.
        Assert.Equal("unauthorized_client", OAuth.ErrorCode(response));
    }

    [Fact]
    public async Task Wrong_secret_and_unknown_client_are_refused()
    {
        var wrongSecret = await OAuth.ClientCredentialsAsync(_http, OAuth.InternalTools, "not-the-secret");
        var unknown = await OAuth.ClientCredentialsAsync(_http, "no-such-client", "whatever");

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, wrongSecret.HttpStatusCode);
        Assert.Equal("invalid_client", OAuth.ErrorCode(wrongSecret));
        Assert.Equal("invalid_client", OAuth.ErrorCode(unknown));
    }
}
