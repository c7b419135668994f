using BffPlatform.Identity.Tests.Infrastructure;
using Duende.IdentityModel.Client;

namespace BffPlatform.Identity.Tests;

/// <summary>
/// RFC 8693 for bff-mobile: only access tokens issued for bff-mobile (the app's), audience core-api,
/// no wider scopes, no refresh token.
/// </summary>
public sealed class TokenExchangeTests(SharedIdentity shared) : IClassFixture<SharedIdentity>
{
    private const string AccessTokenType = "urn:ietf:params:oauth:token-type:access_token";
    private const string RefreshTokenType = "urn:ietf:params:oauth:token-type:refresh_token";
    private const string IdTokenType = "urn:ietf:params:oauth:token-type:id_token";
    private const string MobileScopes = "openid profile email roles offline_access core-api catalog.read orders.read";
    private readonly IdentityFactory _identity = shared.Identity;

    private async Task<TokenResponse> MobileSignInAsync()
    {
        using var browser = _identity.CreateBrowser();
        return await OAuth.CodeFlowAsync(_identity, browser, OAuth.MobileApp, null, OAuth.MobileRedirect, MobileScopes);
    }

    private Task<TokenResponse> ExchangeAsync(string subjectToken, string subjectTokenType = AccessTokenType, string? scope = null, string? secret = OAuth.BffMobileSecret, string clientId = OAuth.BffMobile) =>
        _identity.CreateClient().RequestTokenExchangeTokenAsync(new TokenExchangeTokenRequest
        {
            Address = OAuth.TokenEndpoint, ClientId = clientId, ClientSecret = secret,
            SubjectToken = subjectToken, SubjectTokenType = subjectTokenType, Scope = scope, Audience = "core-api",
        });

    [Fact]
    public async Task An_access_token_is_exchanged_for_a_core_api_token_of_the_same_user()
    {
        var mobile = await MobileSignInAsync();

        var exchanged = await ExchangeAsync(mobile.AccessToken!, scope: "core-api orders.read");

        Assert.False(exchanged.IsError, exchanged.Error + " " + exchanged.ErrorDescription);
        Assert.Null(exchanged.RefreshToken);
        Assert.Equal(AccessTokenType, exchanged.IssuedTokenType);
        var original = OAuth.Read(mobile.AccessToken!);
        var token = OAuth.Read(exchanged.AccessToken!);
        // The app's own token is for bff-mobile only: core-api refuses it (MobileAudienceTests).
        Assert.Equal(["bff-mobile"], original.Audiences);
        Assert.Equal("at+jwt", token.Typ);
        Assert.Equal(["core-api"], token.Audiences);
        Assert.Equal(original.Subject, token.Subject);
        Assert.Equal("customer", token.GetClaim("role").Value);
        Assert.Equal(OAuth.BffMobile, token.GetClaim("client_id").Value);
        Assert.Equal("core-api orders.read", token.GetClaim("scope").Value);
    }

    [Fact]
    public async Task Without_a_scope_the_subject_tokens_api_scopes_carry_over_but_never_offline_access()
    {
        var mobile = await MobileSignInAsync();

        var exchanged = await ExchangeAsync(mobile.AccessToken!);

        Assert.False(exchanged.IsError, exchanged.ErrorDescription);
        Assert.Null(exchanged.RefreshToken);
        var scopes = OAuth.Read(exchanged.AccessToken!).GetClaim("scope").Value.Split(' ');
        Assert.Contains("orders.read", scopes);
        Assert.DoesNotContain("offline_access", scopes);
    }

    [Fact]
    public async Task Scopes_wider_than_the_subject_tokens_are_refused()
    {
        var mobile = await MobileSignInAsync();

        // bff-mobile may hold orders.write, but alice's mobile token does not.
        var wider = await ExchangeAsync(mobile.AccessToken!, scope: "core-api orders.write");

        Assert.True(wider.IsError);
        Assert.Equal("invalid_scope", OAuth.ErrorCode(wider));
        Assert.Null(wider.AccessToken);
    }

    [Fact]
    public async Task A_refresh_token_as_subject_is_refused_whatever_type_is_claimed()
    {
        var mobile = await MobileSignInAsync();

        var declared = await ExchangeAsync(mobile.RefreshToken!, RefreshTokenType);
        var disguised = await ExchangeAsync(mobile.RefreshToken!, AccessTokenType);

        Assert.True(declared.IsError);
        Assert.True(disguised.IsError);
        Assert.Null(declared.AccessToken);
        Assert.Null(disguised.AccessToken);
    }

    [Fact]
    public async Task An_id_token_as_subject_is_refused()
    {
        var mobile = await MobileSignInAsync();

        var declared = await ExchangeAsync(mobile.IdentityToken!, IdTokenType);
        var disguised = await ExchangeAsync(mobile.IdentityToken!, AccessTokenType);

        Assert.True(declared.IsError);
        Assert.True(disguised.IsError);
    }

    [Fact]
    public async Task Only_clients_allowed_to_exchange_may_exchange()
    {
        var mobile = await MobileSignInAsync();

        var byInternalTools = await ExchangeAsync(mobile.AccessToken!, secret: OAuth.InternalToolsSecret, clientId: OAuth.InternalTools);
        var wrongSecret = await ExchangeAsync(mobile.AccessToken!, secret: "wrong");

        Assert.Equal("unauthorized_client", OAuth.ErrorCode(byInternalTools));
        Assert.Equal("invalid_client", OAuth.ErrorCode(wrongSecret));
    }

    [Fact]
    public async Task A_tampered_subject_token_is_refused()
    {
        var mobile = await MobileSignInAsync();
        var parts = mobile.AccessToken!.Split('.');
        var tampered = $"{parts[0]}.{parts[1]}x.{parts[2]}";

        var exchanged = await ExchangeAsync(tampered);

        Assert.True(exchanged.IsError);
    }

    [Fact]
    public async Task A_token_meant_for_core_api_is_refused_as_subject()
    {
        // bff-web's user token (audience core-api) and bff-mobile's own client-credentials token, of
        // which bff-mobile is the presenter: OpenIddict alone would let the presenter exchange it.
        using var browser = _identity.CreateBrowser();
        var web = await OAuth.CodeFlowAsync(_identity, browser);
        var own = await OAuth.ClientCredentialsAsync(_identity.CreateClient(), OAuth.BffMobile, OAuth.BffMobileSecret);
        Assert.False(own.IsError, own.ErrorDescription);

        var fromWeb = await ExchangeAsync(web.AccessToken!);
        var fromOwn = await ExchangeAsync(own.AccessToken!);

        Assert.Equal("invalid_grant", OAuth.ErrorCode(fromWeb));
        Assert.Equal("invalid_grant", OAuth.ErrorCode(fromOwn));
        Assert.Null(fromWeb.AccessToken);
        Assert.Null(fromOwn.AccessToken);
    }
}
