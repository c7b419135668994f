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
        var response = await OAuth.ClientCredentialsAsync(_http, OAuth.InternalTools, OAuth.InternalToolsSecret, "core-api profile");

        // OpenIddict's own permission check (the client has no permission for profile) says invalid_request.
        Assert.Equal("invalid_request", OAuth.ErrorCode(response));
        Assert.Contains("scope", response.ErrorDescription);
        Assert.Null(response.AccessToken);
    }

    [Fact]
    public async Task The_public_mobile_app_cannot_use_client_credentials()
    {
        var response = await OAuth.ClientCredentialsAsync(_http, OAuth.MobileApp, "");

        Assert.True(response.IsError);
        Assert.Null(response.AccessToken);
    }

    [Fact]
    public async Task Bff_webs_own_token_reads_the_catalog_and_nothing_more()
    {
        var response = await OAuth.ClientCredentialsAsync(_http, OAuth.BffWeb, OAuth.BffWebSecret);

        Assert.False(response.IsError, response.Error);
        var token = OAuth.Read(response.AccessToken!);
        Assert.Equal(["core-api"], token.Audiences);
        Assert.Equal(OAuth.BffWeb, token.Subject);
        Assert.Equal(["catalog.read", "core-api"], token.GetClaim("scope").Value.Split(' ').Order());
    }

    [Theory]
    [InlineData("core-api catalog.read orders.write")]
    [InlineData("catalog.write")]
    [InlineData("orders.read")]
    [InlineData("openid profile")]
    public async Task Bff_webs_own_token_may_not_carry_its_sign_in_scopes(string scope)
    {
        var response = await OAuth.ClientCredentialsAsync(_http, OAuth.BffWeb, OAuth.BffWebSecret, scope);

        Assert.True(response.IsError);
        Assert.Equal("invalid_scope", OAuth.ErrorCode(response));
        Assert.Null(response.AccessToken);
    }

    [Fact]
    public async Task Bff_webs_own_token_may_ask_for_the_catalog_alone()
    {
        var response = await OAuth.ClientCredentialsAsync(_http, OAuth.BffWeb, OAuth.BffWebSecret, "catalog.read");

        Assert.False(response.IsError, response.Error);
        Assert.Equal("catalog.read", OAuth.Read(response.AccessToken!).GetClaim("scope").Value);
    }

    [Fact]
    public void Client_credentials_scopes_must_be_api_scopes_of_a_client_credentials_client()
    {
        using var identity = new IdentityFactory(settings: new Dictionary<string, string?>
        {
            ["Identity:Clients:bff-web:ClientCredentialsScopes:2"] = "profile",
            ["Identity:Clients:mobile-app:ClientCredentialsScopes:0"] = "catalog.read",
        });

        var failure = identity.StartupFailure();

        Assert.Contains("Identity:Clients:bff-web:ClientCredentialsScopes: 'profile' is not an API scope", failure);
        Assert.Contains("Identity:Clients:mobile-app:ClientCredentialsScopes needs the client_credentials grant", failure);
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
