using System.Net;
using System.Text.Json.Nodes;

namespace BffPlatform.Security.Tests.Api9;

/// <summary>
/// API9 improper inventory management: what each door serves as its OpenAPI document is the
/// checked-in one (no route outside the inventory), paths nobody documented answer 404 on every
/// door, and public-api's v1 carries its deprecation headers (v2 does not).
/// </summary>
[Collection(SecurityCollection.Name)]
[Trait("owasp", "API9")]
public sealed class InventoryTests(SecurityPlatform platform)
{
    [Theory]
    [InlineData("bff-web", "/api/openapi/v1.json", "bff-web")]
    [InlineData("bff-mobile", "/api/openapi/v1.json", "bff-mobile")]
    [InlineData("core-api", "/api/openapi/v1.json", "core-api")]
    [InlineData("public-api", "/api/openapi/v1.json", "public-api-v1")]
    [InlineData("public-api", "/api/openapi/v2.json", "public-api-v2")]
    public async Task The_served_document_lists_exactly_the_checked_in_operations(string door, string path, string document)
    {
        using var client = SecurityPlatform.Client(BaseUrl(door));
        var served = Operations(JsonNode.Parse(await client.GetStringAsync(path))!);
        var checkedIn = Operations(JsonNode.Parse(await File.ReadAllTextAsync(RepoPaths.OpenApiDocument(document)))!);
        Assert.Equal(checkedIn, served);
    }

    public static TheoryData<string, string> Undocumented()
    {
        var data = new TheoryData<string, string>();
        foreach (var door in new[] { "bff-mobile", "core-api", "public-api" })
        {
            foreach (var path in new[] { "/api/v0/orders", "/api/v3/ping", "/api/internal/orders", "/swagger/index.html", "/swagger/v1/swagger.json", "/.env", "/debug/routes", "/metrics", "/admin", "/api/v1/admin/users", "/mobile/v2/orders", "/trace.axd", "/elmah.axd", "/server-status" })
            {
                data.Add(door, path);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Undocumented))]
    public async Task An_undocumented_path_answers_404(string door, string path)
    {
        // core-api's fallback policy answers every anonymous path 401 alike (which tells nothing of what
        // exists), so the inventory is probed there with a signed-in user's token.
        var token = door == "core-api" ? await platform.CoreTokenAsync(DemoUsers.Alice) : null;
        using var client = SecurityPlatform.Client(BaseUrl(door), token);
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{door} {path} answered {(int)response.StatusCode}: {body}");
    }

    [Theory]
    [InlineData("/api/v0/orders")]
    [InlineData("/api/internal/orders")]
    [InlineData("/api/v1/orders")]
    [InlineData("/swagger/v1/swagger.json")]
    [InlineData("/.env")]
    public async Task Bff_webs_undocumented_api_paths_are_404_not_the_spa(string path)
    {
        // bff-web serves the SPA for page routes; an API-looking path must not get index.html or a proxy.
        using var browser = await platform.WebSessionAsync(DemoUsers.Alice);
        using var response = await browser.ApiAsync(HttpMethod.Get, platform.WebUrl + path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path} answered {(int)response.StatusCode}: {body}");
    }

    [Fact]
    public async Task Public_api_v1_carries_its_deprecation_headers_and_v2_does_not()
    {
        using var api = SecurityPlatform.Client(platform.PublicUrl, platform.PartnerA.TestKey);
        using var v1 = await api.GetAsync("/api/v1/ping");
        using var v2 = await api.GetAsync("/api/v2/ping");

        Assert.True(v1.Headers.Contains("Deprecation"), "v1 has no Deprecation header");
        Assert.True(v1.Headers.Contains("Sunset"), "v1 has no Sunset header");
        Assert.Contains(v1.Headers.GetValues("Link"), l => l.Contains("deprecation", StringComparison.OrdinalIgnoreCase) || l.Contains("successor-version", StringComparison.OrdinalIgnoreCase));
        Assert.False(v2.Headers.Contains("Deprecation"));
        Assert.False(v2.Headers.Contains("Sunset"));
    }

    [Fact]
    public async Task Public_api_v1_errors_carry_the_deprecation_headers_too()
    {
        using var anonymous = SecurityPlatform.Client(platform.PublicUrl);
        using var refused = await anonymous.GetAsync("/api/v1/orders");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.True(refused.Headers.Contains("Deprecation"), "a refused v1 call has no Deprecation header");
    }

    private static SortedSet<string> Operations(JsonNode document)
    {
        var operations = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, _) in item!.AsObject())
            {
                if (method is "get" or "post" or "put" or "patch" or "delete" or "head" or "options") operations.Add($"{method.ToUpperInvariant()} {path}");
            }
        }
        return operations;
    }

    private string BaseUrl(string door) => door switch
    {
        "bff-web" => platform.WebUrl, "bff-mobile" => platform.MobileUrl, "core-api" => platform.CoreUrl, _ => platform.PublicUrl,
    };
}
