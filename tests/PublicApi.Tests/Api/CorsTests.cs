using System.Net;
using BffPlatform.Contracts.Partners;
using BffPlatform.PublicApi.Tests.Infrastructure;

namespace BffPlatform.PublicApi.Tests.Api;

/// <summary>CORS from the configured allow-list only: exact origins, never a look-alike, never <c>null</c>.</summary>
public sealed class CorsTests : IAsyncLifetime
{
    private const string Allowed = "https://shop.partner.test";
    private FakeCore _core = null!;
    private PublicApiFactory _api = null!;
    private string _publishable = "";

    public async Task InitializeAsync()
    {
        _core = await FakeCore.StartAsync();
        _api = new PublicApiFactory(_core.BaseUrl);
        _publishable = _core.Issue(ApiKeyKinds.Publishable, [PartnerScopes.CatalogRead], plan: "enterprise");
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _core.DisposeAsync();
    }

    [Fact]
    public async Task An_allowed_origin_with_a_publishable_key_reads_the_catalog_and_the_limits()
    {
        using var client = _api.CreateClient();
        using var request = PublicApiFactory.Request(HttpMethod.Get, "/api/v2/products", _publishable);
        request.Headers.Add("Origin", Allowed);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Allowed, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("RateLimit", response.Headers.GetValues("Access-Control-Expose-Headers").Single(), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Theory]
    [InlineData("https://evil.test")]
    [InlineData("null")]
    [InlineData("https://shop.partner.test.evil.test")]
    [InlineData("https://evilshop.partner.test")]
    [InlineData("http://shop.partner.test")]
    [InlineData("https://shop.partner.test:8443")]
    public async Task Any_other_origin_gets_no_cors_headers(string origin)
    {
        using var client = _api.CreateClient();
        using var request = PublicApiFactory.Request(HttpMethod.Get, "/api/v2/products", _publishable);
        request.Headers.Add("Origin", origin);
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/v2/products");
        preflight.Headers.Add("Origin", origin);
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization");

        using var response = await client.SendAsync(request);
        using var preflightResponse = await client.SendAsync(preflight);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(preflightResponse.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_preflight_from_an_allowed_origin_allows_the_key_and_idempotency_headers()
    {
        using var client = _api.CreateClient();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/v2/products");
        preflight.Headers.Add("Origin", Allowed);
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization, idempotency-key");

        using var response = await client.SendAsync(preflight);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(Allowed, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        var allowed = response.Headers.GetValues("Access-Control-Allow-Headers").Single();
        Assert.Contains("Authorization", allowed, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Idempotency-Key", allowed, StringComparison.OrdinalIgnoreCase);
    }
}
