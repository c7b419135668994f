using System.Net;
using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Partners;
using BffPlatform.PublicApi.Tests.Infrastructure;

namespace BffPlatform.PublicApi.Tests.Keys;

/// <summary>The key handler against a stand-in core-api: what is refused offline, what core-api is asked, and how often.</summary>
public sealed class KeyAuthenticationTests : IAsyncLifetime
{
    private FakeCore _core = null!;
    private PublicApiFactory _api = null!;

    public async Task InitializeAsync()
    {
        _core = await FakeCore.StartAsync();
        _api = new PublicApiFactory(_core.BaseUrl);
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _core.DisposeAsync();
    }

    [Fact]
    public async Task No_key_is_401_api_key_missing_with_a_bearer_challenge()
    {
        using var client = _api.CreateClient();
        using var response = await client.GetAsync("/api/v2/ping");

        await response.AssertProblemAsync(401, ErrorCodes.ApiKeyMissing);
        Assert.StartsWith("Bearer", Assert.Single(response.Headers.WwwAuthenticate).ToString(), StringComparison.Ordinal);
        Assert.Equal(0, _core.VerifyCalls);
    }

    public static TheoryData<string> NotKeys()
    {
        var valid = ApiKeyFormat.Generate(ApiKeyKinds.Live);
        var lastChar = valid[^1] == 'a' ? 'b' : 'a';
        return new TheoryData<string>
        {
            "Bearer nope",
            "Bearer " + valid[..^1] + lastChar,          // checksum no longer matches
            "Bearer " + valid[..^2],                     // truncated
            "Bearer " + valid.Replace("bp_live_", "bp_prod_", StringComparison.Ordinal), // unknown kind
            "Bearer " + valid.ToUpperInvariant(),
            "Basic " + valid,                            // not a bearer
            "Bearer bp_live_" + new string('!', 36),
        };
    }

    [Theory]
    [MemberData(nameof(NotKeys))]
    public async Task A_malformed_or_bad_checksum_key_is_401_without_asking_core_api(string authorization)
    {
        using var client = _api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v2/products");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var response = await client.SendAsync(request);

        await response.AssertProblemAsync(401, ErrorCodes.ApiKeyMalformed);
        Assert.Equal(0, _core.VerifyCalls);
        Assert.Empty(_core.PartnerCalls);
    }

    [Theory]
    [InlineData(null, ErrorCodes.ApiKeyInvalid)]
    [InlineData(ErrorCodes.ApiKeyRevoked, ErrorCodes.ApiKeyRevoked)]
    [InlineData(ErrorCodes.ApiKeyExpired, ErrorCodes.ApiKeyExpired)]
    public async Task A_key_core_api_refuses_is_401_with_its_reason_and_nothing_reaches_the_catalog(string? coreSays, string expected)
    {
        var key = ApiKeyFormat.Generate(ApiKeyKinds.Live);
        if (coreSays is not null) _core.Refused[key] = coreSays;
        using var client = _api.CreateClient();

        using var response = await client.SendAsync(PublicApiFactory.Request(HttpMethod.Get, "/api/v2/products", key));

        var problem = await response.AssertProblemAsync(401, expected);
        Assert.DoesNotContain(key, problem.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(_core.PartnerCalls);
    }

    [Fact]
    public async Task A_key_past_its_expiry_is_401_expired_even_when_core_api_called_it_valid_earlier()
    {
        var key = _core.Issue(ApiKeyKinds.Live, PartnerScopes.All, expiresAt: DateTimeOffset.UtcNow.AddMinutes(-1));
        using var client = _api.CreateClient();

        using var response = await client.SendAsync(PublicApiFactory.Request(HttpMethod.Get, "/api/v2/ping", key));

        await response.AssertProblemAsync(401, ErrorCodes.ApiKeyExpired);
    }

    [Fact]
    public async Task A_valid_key_is_asked_about_once_however_often_it_calls()
    {
        var key = _core.Issue(ApiKeyKinds.Test, PartnerScopes.All, plan: "enterprise");
        using var client = _api.CreateClient();

        var calls = Enumerable.Range(0, 20).Select(async _ =>
        {
            using var response = await client.SendAsync(PublicApiFactory.Request(HttpMethod.Get, "/api/v2/ping", key));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        });
        await Task.WhenAll(calls);

        Assert.Equal(1, _core.VerifyCalls);
    }

    [Fact]
    public async Task A_missing_scope_is_403_naming_it_and_core_api_is_not_called()
    {
        var key = _core.Issue(ApiKeyKinds.Live, [PartnerScopes.CatalogRead]);
        using var client = _api.CreateClient();

        using var response = await client.SendAsync(PublicApiFactory.Request(HttpMethod.Get, "/api/v2/orders", key));

        var problem = await response.AssertProblemAsync(403, ErrorCodes.InsufficientScope);
        Assert.Equal(PartnerScopes.OrdersRead, problem["requiredScope"]?.GetValue<string>());
        Assert.Contains(PartnerScopes.OrdersRead, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(_core.PartnerCalls);
    }

    [Fact]
    public async Task A_publishable_key_reads_the_catalog_only_whatever_scopes_core_api_lists()
    {
        var key = _core.Issue(ApiKeyKinds.Publishable, PartnerScopes.All);
        using var client = _api.CreateClient();

        using var catalog = await client.SendAsync(PublicApiFactory.Request(HttpMethod.Get, "/api/v2/products", key));
        using var orders = await client.SendAsync(PublicApiFactory.Request(HttpMethod.Get, "/api/v2/orders", key));
        using var usage = await client.SendAsync(PublicApiFactory.Request(HttpMethod.Get, "/api/v1/usage", key));

        Assert.Equal(HttpStatusCode.OK, catalog.StatusCode);
        await orders.AssertProblemAsync(403, ErrorCodes.InsufficientScope);
        await usage.AssertProblemAsync(403, ErrorCodes.Forbidden);
    }

    [Fact]
    public async Task A_secret_key_from_a_browser_origin_is_refused_before_any_lookup_saying_why()
    {
        var key = _core.Issue(ApiKeyKinds.Live, PartnerScopes.All);
        using var client = _api.CreateClient();
        using var request = PublicApiFactory.Request(HttpMethod.Get, "/api/v2/products", key);
        request.Headers.Add("Origin", "https://shop.partner.test");

        using var response = await client.SendAsync(request);

        var problem = await response.AssertProblemAsync(401, ErrorCodes.SecretKeyInBrowser);
        Assert.Contains("publishable", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(key, problem.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(0, _core.VerifyCalls);
        // The allowed origin's page can read why.
        Assert.Equal("https://shop.partner.test", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    [Fact]
    public async Task Calls_act_for_the_partner_the_key_proved_never_one_the_request_names()
    {
        var key = _core.Issue(ApiKeyKinds.Test, PartnerScopes.All);
        using var client = _api.CreateClient();
        using var request = PublicApiFactory.Request(HttpMethod.Get, "/api/v2/products", key);
        request.Headers.Add(PartnerHeaders.Partner, Guid.NewGuid().ToString());
        request.Headers.Add(PartnerHeaders.Environment, PartnerEnvironments.Live);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var call = Assert.Single(_core.PartnerCalls);
        Assert.Equal(FakeCore.PartnerA.ToString("D"), call.Headers[PartnerHeaders.Partner]);
        Assert.Equal(PartnerEnvironments.Test, call.Headers[PartnerHeaders.Environment]);
        Assert.Equal("Bearer public-api-token", call.Headers["Authorization"]);
    }
}
