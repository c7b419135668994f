using System.Net;
using System.Text.Json.Nodes;

namespace BffPlatform.Security.Tests.Production;

/// <summary>
/// API8 in Production: only the documentation meant to be public is served. public-api's partner
/// docs (Swagger UI, ReDoc, both versions' documents) are; core-api's Swagger UI, ReDoc and document
/// only when <c>ApiDocs:Enabled=true</c>; every other documentation route of every service is 404.
/// </summary>
[Collection(ProductionCollection.Name)]
[Trait("owasp", "API8")]
public sealed class ProductionDocsTests(ProductionPlatform platform)
{
    private static readonly string[] DocsPaths =
    [
        "/swagger", "/swagger/index.html", "/swagger/v1/swagger.json", "/api/docs", "/api/docs/index.html",
        "/api/redoc", "/api/redoc/index.html", "/openapi/v1.json", "/api/openapi/v1.json",
    ];

    private static readonly string[] PartnerDocs = ["/api/docs", "/api/docs/index.html", "/api/redoc", "/api/redoc/index.html", "/api/openapi/v1.json"];

    public static TheoryData<string, string> HiddenDocs()
    {
        var data = new TheoryData<string, string>();
        foreach (var service in new[] { "bff-web", "bff-mobile", "core-api", "identity", "public-api" })
        {
            foreach (var path in DocsPaths.Where(p => service != "public-api" || !PartnerDocs.Contains(p)))
            {
                data.Add(service, path);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(HiddenDocs))]
    public async Task Documentation_not_meant_for_the_public_is_404(string service, string path)
    {
        // core-api answers every anonymous path 401 alike: probed with a token, as an insider would.
        var token = service == "core-api" ? await platform.CoreTokenAsync() : null;
        using var client = platform.ClientOf(service, token);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        // bff-web answers an /api path without it 401 before routing, which says nothing either way.
        request.Headers.Add("X-CSRF", "1");
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{service} {path} answered {(int)response.StatusCode}: {Start(body)}");
        // Not a page of Swagger UI or ReDoc, not a document (a 404 Problem Details names the path it refused).
        Assert.DoesNotContain("swagger-ui", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<redoc", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\"openapi\":", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("public-api", "/api/docs/index.html", "Swagger UI")]
    [InlineData("public-api", "/api/redoc/index.html", "ReDoc")]
    [InlineData("public-api", "/api/redoc/v1/index.html", "ReDoc")]
    [InlineData("core-api-docs", "/api/docs/index.html", "Swagger UI")]
    [InlineData("core-api-docs", "/api/redoc/index.html", "ReDoc")]
    public async Task The_partner_docs_and_core_apis_switched_on_swagger_ui_are_served(string service, string path, string page)
    {
        using var client = platform.ClientOf(service);
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{service} {path} answered {(int)response.StatusCode}: {Start(body)}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(page, body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("public-api", "/api/openapi/v1.json", "public-api-v1")]
    [InlineData("public-api", "/api/openapi/v2.json", "public-api-v2")]
    [InlineData("core-api-docs", "/api/openapi/v1.json", "core-api")]
    public async Task The_served_documents_are_the_checked_in_ones(string service, string path, string document)
    {
        using var client = platform.ClientOf(service);
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{service} {path} answered {(int)response.StatusCode}: {Start(body)}");
        var served = JsonNode.Parse(body)!["paths"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal);
        var checkedIn = JsonNode.Parse(await File.ReadAllTextAsync(RepoPaths.OpenApiDocument(document)))!["paths"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal);
        Assert.Equal(checkedIn, served);
    }

    private static string Start(string body) => body.Length > 300 ? body[..300] : body;
}
