using System.Net;
using System.Text.Json.Nodes;
using BffPlatform.BffWeb.Tests.Infrastructure;
using BffPlatform.BffWeb.Tests.Integration.Infrastructure;
using BffPlatform.Contracts.Common;

namespace BffPlatform.BffWeb.Tests.Integration;

/// <summary>Shaped and proxied calls to the real core-api, and what the SPA sees when core-api is down.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class StorefrontTests(IntegrationPlatform platform)
{
    [Fact]
    public async Task The_storefront_through_bff_web_returns_core_apis_products()
    {
        using var browser = new TestBrowser();
        await browser.SignInSessionAsync(platform.Bff.BaseUrl, DemoUsers.Bob.Email, DemoUsers.Bob.Password);
        using var direct = new HttpClient();
        direct.DefaultRequestHeaders.Authorization = await IdentityCalls.InternalToolsBearerAsync(platform.IdentityUrl);
        var expected = await (await direct.GetAsync(platform.CoreApiUrl + "/api/v1/products?pageSize=10")).JsonAsync();

        var shaped = await (await browser.ApiAsync(HttpMethod.Get, platform.Bff.BaseUrl + "/api/products?pageSize=10")).JsonAsync();
        var proxied = await (await browser.ApiAsync(HttpMethod.Get, platform.Bff.BaseUrl + "/api/core/products?pageSize=10")).JsonAsync();

        var ids = Ids(expected);
        Assert.NotEmpty(ids);
        Assert.Equal(ids, Ids(shaped));
        Assert.Equal(ids, Ids(proxied));
    }

    [Fact]
    public async Task A_search_goes_through_to_core_api()
    {
        using var browser = new TestBrowser();
        await browser.SignInSessionAsync(platform.Bff.BaseUrl, DemoUsers.Bob.Email, DemoUsers.Bob.Password);
        var all = await (await browser.ApiAsync(HttpMethod.Get, platform.Bff.BaseUrl + "/api/products?pageSize=50")).JsonAsync();
        var name = all["items"]!.AsArray()[0]!["name"]!.GetValue<string>();

        var found = await (await browser.ApiAsync(HttpMethod.Get, $"{platform.Bff.BaseUrl}/api/products?q={Uri.EscapeDataString(name)}")).JsonAsync();

        Assert.Contains(found["items"]!.AsArray(), p => p!["name"]!.GetValue<string>() == name);
        Assert.True(found["items"]!.AsArray().Count < all["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_visitor_reads_the_catalog_with_bff_webs_own_token_and_gets_304_for_a_current_etag()
    {
        using var browser = new TestBrowser();
        using var direct = new HttpClient();
        direct.DefaultRequestHeaders.Authorization = await IdentityCalls.InternalToolsBearerAsync(platform.IdentityUrl);
        var expected = await (await direct.GetAsync(platform.CoreApiUrl + "/api/v1/products?pageSize=10")).JsonAsync();

        var page = await (await browser.ApiAsync(HttpMethod.Get, platform.Bff.BaseUrl + "/api/products?pageSize=10")).JsonAsync();
        var categories = await (await browser.ApiAsync(HttpMethod.Get, platform.Bff.BaseUrl + "/api/products/categories")).JsonAsync();
        var id = Ids(page)[0];
        using var product = await browser.ApiAsync(HttpMethod.Get, $"{platform.Bff.BaseUrl}/api/products/{id}");

        Assert.Equal(Ids(expected), Ids(page));
        Assert.NotEmpty(categories.AsArray());
        Assert.Equal(HttpStatusCode.OK, product.StatusCode);
        var etag = product.Headers.ETag;
        Assert.NotNull(etag);
        using var conditional = await browser.ApiAsync(HttpMethod.Get, $"{platform.Bff.BaseUrl}/api/products/{id}",
            headers: new Dictionary<string, string> { ["If-None-Match"] = etag.ToString() });
        Assert.Equal(HttpStatusCode.NotModified, conditional.StatusCode);
        // Only the catalog: the visitor's cart is not bff-web's to read.
        await (await browser.ApiAsync(HttpMethod.Get, platform.Bff.BaseUrl + "/api/cart")).AssertProblemAsync(401, ErrorCodes.Unauthorized);
    }

    [Theory]
    [InlineData("/api/products")]
    [InlineData("/api/core/products")]
    public async Task Core_api_down_is_a_503_problem(string path)
    {
        using var browser = new TestBrowser();
        await browser.SignInSessionAsync(platform.BffWithCoreDown.BaseUrl, DemoUsers.Bob.Email, DemoUsers.Bob.Password);

        using var response = await browser.ApiAsync(HttpMethod.Get, platform.BffWithCoreDown.BaseUrl + path);

        var problem = await response.AssertProblemAsync(503, ErrorCodes.UpstreamUnavailable);
        Assert.Equal(ErrorCodes.TypeUri(ErrorCodes.UpstreamUnavailable), problem["type"]?.GetValue<string>());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        // The session itself is fine: only core-api is missing.
        Assert.Equal(HttpStatusCode.OK, (await browser.ApiAsync(HttpMethod.Get, platform.BffWithCoreDown.BaseUrl + "/bff/user")).StatusCode);
    }

    private static List<string> Ids(JsonNode page) => page["items"]!.AsArray().Select(p => p!["id"]!.GetValue<string>()).ToList();
}
