using System.Net;
using System.Net.Http.Json;
using BffPlatform.Identity.Tests.Infrastructure;

namespace BffPlatform.Identity.Tests;

public sealed class MobileAudienceFixture : IAsyncLifetime
{
    public IdentityFactory Identity { get; } = new();
    public ProtectedApi Api { get; private set; } = null!;

    public async Task InitializeAsync() => Api = await ProtectedApi.StartAsync(Identity);

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        Identity.Dispose();
    }
}

/// <summary>
/// The app cannot skip bff-mobile: its tokens carry only the bff-mobile audience, so an API that
/// validates like core-api refuses them; only the token bff-mobile exchanges them for is accepted.
/// </summary>
public sealed class MobileAudienceTests(MobileAudienceFixture fixture) : IClassFixture<MobileAudienceFixture>
{
    private const string MobileScopes = "openid profile offline_access core-api catalog.read orders.read";
    private readonly IdentityFactory _identity = fixture.Identity;
    private readonly ProtectedApi _api = fixture.Api;

    [Fact]
    public async Task Core_api_refuses_the_apps_token_and_accepts_the_exchanged_one()
    {
        using var browser = _identity.CreateBrowser();
        var mobile = await OAuth.CodeFlowAsync(_identity, browser, OAuth.MobileApp, null, OAuth.MobileRedirect, MobileScopes);
        Assert.Equal(["bff-mobile"], OAuth.Read(mobile.AccessToken!).Audiences);

        var direct = await _api.CallAsync(mobile.AccessToken!);

        Assert.Equal(HttpStatusCode.Unauthorized, direct.StatusCode);
        var exchanged = await MobileSignOutTests.ExchangeAsync(_identity.CreateClient(), mobile.AccessToken!);
        Assert.False(exchanged.IsError, exchanged.ErrorDescription);
        var viaDoor = await _api.CallAsync(exchanged.AccessToken!);
        Assert.Equal(HttpStatusCode.OK, viaDoor.StatusCode);
        var caller = await viaDoor.Content.ReadFromJsonAsync<ProtectedApi.Caller>();
        Assert.Equal(OAuth.Read(mobile.AccessToken!).Subject, caller!.Sub);
        Assert.False(caller.IsService);
    }

    [Fact]
    public async Task A_refreshed_app_token_still_names_only_bff_mobile()
    {
        using var browser = _identity.CreateBrowser();
        var mobile = await OAuth.CodeFlowAsync(_identity, browser, OAuth.MobileApp, null, OAuth.MobileRedirect, MobileScopes);

        var refreshed = await OAuth.RefreshAsync(_identity.CreateClient(), mobile.RefreshToken!, OAuth.MobileApp, null);

        Assert.False(refreshed.IsError, refreshed.ErrorDescription);
        Assert.Equal(["bff-mobile"], OAuth.Read(refreshed.AccessToken!).Audiences);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _api.CallAsync(refreshed.AccessToken!)).StatusCode);
    }

    [Fact]
    public async Task Bff_mobiles_own_token_reads_the_catalog_only()
    {
        var http = _identity.CreateClient();

        var own = await OAuth.ClientCredentialsAsync(http, OAuth.BffMobile, OAuth.BffMobileSecret);
        var wider = await OAuth.ClientCredentialsAsync(http, OAuth.BffMobile, OAuth.BffMobileSecret, "core-api orders.read");

        Assert.False(own.IsError, own.ErrorDescription);
        var token = OAuth.Read(own.AccessToken!);
        Assert.Equal(["core-api"], token.Audiences);
        Assert.Equal(["catalog.read", "core-api"], token.GetClaim("scope").Value.Split(' ').Order());
        Assert.Equal("invalid_scope", OAuth.ErrorCode(wider));
        var caller = await (await _api.CallAsync(own.AccessToken!)).Content.ReadFromJsonAsync<ProtectedApi.Caller>();
        Assert.True(caller!.IsService);
        Assert.False(caller.HasOrdersRead);
    }
}
