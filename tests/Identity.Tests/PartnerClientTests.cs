using System.Net;
using BffPlatform.Identity.Tests.Infrastructure;

namespace BffPlatform.Identity.Tests;

/// <summary>public-api's client and the partner scopes: partners.act is public-api's alone; partners.admin is for bff-web's staff sign-in.</summary>
public sealed class PartnerClientTests(SharedIdentity shared) : IClassFixture<SharedIdentity>
{
    private const string PublicApi = "public-api";
    private const string PublicApiSecret = "public-api-dev-secret";
    private readonly HttpClient _http = shared.Identity.CreateClient();

    [Fact]
    public async Task Public_api_gets_a_core_api_token_with_partners_act_and_its_api_scopes()
    {
        var response = await OAuth.ClientCredentialsAsync(_http, PublicApi, PublicApiSecret);

        Assert.False(response.IsError, response.Error);
        Assert.Null(response.RefreshToken);
        var token = OAuth.Read(response.AccessToken!);
        Assert.Equal(["core-api"], token.Audiences);
        Assert.Equal(PublicApi, token.Subject);
        Assert.Equal(PublicApi, token.GetClaim("client_id").Value);
        Assert.Equal(["catalog.read", "core-api", "orders.read", "orders.write", "outbox.read", "partners.act"],
            token.GetClaim("scope").Value.Split(' ').Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Public_api_may_narrow_its_token_but_never_reach_staff_scopes()
    {
        var narrow = await OAuth.ClientCredentialsAsync(_http, PublicApi, PublicApiSecret, "core-api partners.act");
        Assert.False(narrow.IsError, narrow.Error);
        Assert.Equal("core-api partners.act", OAuth.Read(narrow.AccessToken!).GetClaim("scope").Value);

        foreach (var scope in new[] { "partners.admin", "orders.admin", "catalog.write", "users.read" })
        {
            var refused = await OAuth.ClientCredentialsAsync(_http, PublicApi, PublicApiSecret, scope);
            Assert.True(refused.IsError, scope);
            Assert.Null(refused.AccessToken);
            // OpenIddict's permission check: public-api was never granted these scopes.
            Assert.Equal("invalid_request", OAuth.ErrorCode(refused));
        }
    }

    [Fact]
    public async Task Public_api_has_no_user_flows_and_a_wrong_secret_is_refused()
    {
        using var browser = shared.Identity.CreateBrowser();
        var (_, challenge) = OAuth.NewPkce();
        var authorize = await browser.GetAsync(OAuth.AuthorizeUrl(PublicApi, "http://127.0.0.1:5500/callback", "openid core-api", challenge));
        // No redirect URI and no code grant: identity answers itself, never sends a code anywhere.
        Assert.Equal(HttpStatusCode.BadRequest, authorize.StatusCode);
        Assert.Null(authorize.Headers.Location);

        var wrong = await OAuth.ClientCredentialsAsync(_http, PublicApi, "not-the-secret");
        Assert.True(wrong.IsError);
        Assert.Equal("invalid_client", OAuth.ErrorCode(wrong));
    }

    [Theory]
    [InlineData(OAuth.InternalTools, OAuth.InternalToolsSecret, "partners.act")]
    [InlineData(OAuth.InternalTools, OAuth.InternalToolsSecret, "partners.admin")]
    [InlineData(OAuth.BffWeb, OAuth.BffWebSecret, "partners.act")]
    [InlineData(OAuth.BffWeb, OAuth.BffWebSecret, "partners.admin")]
    public async Task Only_public_api_gets_partners_act_and_no_service_gets_partners_admin(string client, string secret, string scope)
    {
        var response = await OAuth.ClientCredentialsAsync(_http, client, secret, $"core-api {scope}");

        Assert.True(response.IsError);
        // invalid_request when the client may never use the scope (OpenIddict's permission check),
        // invalid_scope when it may in a user flow but not with client credentials (bff-web, partners.admin).
        Assert.Contains(OAuth.ErrorCode(response), new[] { "invalid_request", "invalid_scope" });
        Assert.Null(response.AccessToken);
    }

    [Fact]
    public async Task Internal_tools_without_a_scope_get_neither_partner_scope()
    {
        var response = await OAuth.ClientCredentialsAsync(_http, OAuth.InternalTools, OAuth.InternalToolsSecret);

        var scopes = OAuth.Read(response.AccessToken!).GetClaim("scope").Value.Split(' ');
        Assert.DoesNotContain("partners.act", scopes);
        Assert.DoesNotContain("partners.admin", scopes);
    }

    [Fact]
    public async Task Bff_webs_staff_sign_in_may_ask_for_partners_admin()
    {
        using var browser = shared.Identity.CreateBrowser();

        var tokens = await OAuth.CodeFlowAsync(shared.Identity, browser, scope: OAuth.BffWebScopes + " partners.admin",
            email: "staff@shop.test", password: "Staff!2345");

        var token = OAuth.Read(tokens.AccessToken!);
        Assert.Contains("partners.admin", token.GetClaim("scope").Value.Split(' '));
        Assert.Equal("staff", token.GetClaim("role").Value);
    }

    [Fact]
    public async Task The_mobile_app_may_not_ask_for_partner_scopes()
    {
        using var browser = shared.Identity.CreateBrowser();
        var (_, challenge) = OAuth.NewPkce();

        var authorize = await browser.GetAsync(OAuth.AuthorizeUrl(OAuth.MobileApp, OAuth.MobileRedirect, "openid core-api partners.admin", challenge));

        Assert.Equal(HttpStatusCode.BadRequest, authorize.StatusCode);
        Assert.Null(authorize.Headers.Location);
        Assert.Contains("not allowed to use the specified scope", await authorize.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
