using System.Net;
using System.Text.RegularExpressions;
using BffPlatform.BffWeb.Tests.Infrastructure;
using BffPlatform.Contracts.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace BffPlatform.BffWeb.Tests.Products;

/// <summary>
/// Visitors (no session) may read the catalog, with bff-web's own client-credentials token limited
/// to catalog.read; nothing else under /api answers them, and the X-CSRF rule holds for everyone.
/// </summary>
public sealed partial class VisitorCatalogTests : RecordingCoreTests
{
    private static readonly string[] CatalogReads = ["/api/products?q=red", "/api/products/categories", "/api/products/8a3c5f0e-1111-4a1b-9c1d-2e3f4a5b6c7d"];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Core.Answer = context => context.Request.Path.Value!.EndsWith("/categories", StringComparison.Ordinal)
            ? context.Response.WriteAsJsonAsync(new[] { "Audio" })
            : WriteJsonAsync(context.Response, """{"id":"8a3c5f0e-1111-4a1b-9c1d-2e3f4a5b6c7d","sku":"S","name":"Aurora","description":"","category":"Audio","price":{"amount":10,"currency":"EUR"},"stock":1,"active":true,"version":1,"updatedAt":"2026-01-01T00:00:00+00:00","items":[],"nextCursor":null}""");
    }

    private static Task WriteJsonAsync(HttpResponse response, string json)
    {
        response.ContentType = "application/json";
        return response.WriteAsync(json);
    }

    [Fact]
    public async Task Visitors_read_the_catalog_with_bff_webs_own_catalog_read_token()
    {
        using var browser = Factory.CreateBrowser();

        foreach (var path in CatalogReads)
        {
            using var response = await browser.GetApiAsync(path);
            Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        Assert.Equal(CatalogReads.Length, Core.Requests.Count);
        Assert.All(Core.Requests, seen => Assert.Equal("Bearer cc-1", seen.Headers["Authorization"]));
        // One token for all three reads, asked with nothing but the catalog.
        Assert.Equal(1, Factory.Identity.ClientCredentialsCalls);
        Assert.Equal("core-api catalog.read", Factory.Identity.LastClientCredentialsScope);
    }

    [Fact]
    public async Task A_signed_in_user_reads_the_catalog_with_their_own_token()
    {
        using var browser = Factory.CreateBrowser();
        var (refreshToken, _) = await Factory.SignInAsync(browser);

        using var response = await browser.GetApiAsync(CatalogReads[2]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Bearer at-initial-" + refreshToken, Assert.Single(Core.Requests).Headers["Authorization"]);
        Assert.Equal(0, Factory.Identity.ClientCredentialsCalls);
    }

    [Fact]
    public async Task The_visitors_token_is_renewed_shortly_before_it_expires_and_once_for_many_callers()
    {
        using var browser = Factory.CreateBrowser();
        await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ => (await browser.GetApiAsync(CatalogReads[1])).EnsureSuccessStatusCode()));
        Assert.Equal(1, Factory.Identity.ClientCredentialsCalls);

        // The fake identity's tokens live 900 s; bff-web renews 60 s before.
        Factory.Time.Advance(TimeSpan.FromSeconds(839));
        (await browser.GetApiAsync(CatalogReads[1])).EnsureSuccessStatusCode();
        Assert.Equal(1, Factory.Identity.ClientCredentialsCalls);

        Factory.Time.Advance(TimeSpan.FromSeconds(2));
        await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ => (await browser.GetApiAsync(CatalogReads[1])).EnsureSuccessStatusCode()));
        Assert.Equal(2, Factory.Identity.ClientCredentialsCalls);
        Assert.Equal("Bearer cc-2", Core.Requests.Last().Headers["Authorization"]);
    }

    [Fact]
    public async Task Visitors_still_need_the_csrf_header()
    {
        using var browser = Factory.CreateBrowser();

        using var response = await browser.GetApiAsync(CatalogReads[0], csrf: false);

        await response.AssertProblemAsync(401, ErrorCodes.CsrfHeaderMissing);
        Assert.Empty(Core.Requests);
    }

    [Fact]
    public async Task Every_other_api_route_refuses_visitors_with_401()
    {
        using var browser = Factory.CreateBrowser();
        var routes = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Pattern: "/" + e.RoutePattern.RawText!.TrimStart('/'), Methods: e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]))
            .Where(r => r.Pattern.StartsWith("/api/", StringComparison.Ordinal)
                && !r.Pattern.StartsWith("/api/products", StringComparison.Ordinal)
                && !r.Pattern.StartsWith("/api/openapi", StringComparison.Ordinal)
                // The 404 answer for unknown /api paths (SpaHosting), which is no API.
                && r.Pattern != "/api/{**path}")
            .SelectMany(r => r.Methods.Where(m => m != "HEAD").Select(m => (r.Pattern, Method: m)))
            .ToList();

        // Every shaped API of bff-web and the pass-through, not a handful.
        Assert.True(routes.Count >= 15, string.Join(", ", routes));
        Assert.Contains(routes, r => r.Pattern.StartsWith("/api/core/products", StringComparison.Ordinal));
        foreach (var (pattern, method) in routes)
        {
            var path = CatchAll().Replace(GuidParameter().Replace(pattern, Guid.NewGuid().ToString()), "x");
            using var response = await browser.SendAsync(Http.Api(new HttpMethod(method), path, json: method is "POST" or "PUT" ? new { } : null));
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized && body.Contains("\"unauthorized\"", StringComparison.Ordinal),
                $"{method} {path} ({pattern}): {(int)response.StatusCode} {body}");
        }
        Assert.Empty(Core.Requests);
    }

    [GeneratedRegex(@"\{[^}]*:guid\}")]
    private static partial Regex GuidParameter();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex CatchAll();
}
