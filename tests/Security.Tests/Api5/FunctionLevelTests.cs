using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace BffPlatform.Security.Tests.Api5;

/// <summary>
/// API5 broken function level authorization: a customer on staff routes, a read-only key on
/// writes, and an anonymous visitor on every documented route of every door but the catalog.
/// </summary>
[Collection(SecurityCollection.Name)]
[Trait("owasp", "API5")]
public sealed class FunctionLevelTests(SecurityPlatform platform)
{
    public static TheoryData<string, string> StaffRoutesOfBffWeb() => new()
    {
        { "GET", "/api/admin/orders" },
        { "GET", $"/api/admin/orders/{Someone}" },
        { "POST", $"/api/admin/orders/{Someone}/status" },
        { "GET", "/api/admin/partners" },
        { "POST", "/api/admin/partners" },
        { "GET", "/api/admin/partners/audit" },
        { "POST", "/api/core/products" },
    };

    [Theory]
    [MemberData(nameof(StaffRoutesOfBffWeb))]
    public async Task A_customer_on_bff_webs_staff_routes_is_403(string method, string path)
    {
        using var browser = await platform.WebSessionAsync(DemoUsers.Alice);
        using var request = Http.Api(new HttpMethod(method), platform.WebUrl + path, json: method == "GET" ? null : new { name = "x", plan = "free", status = "Shipped" });
        using var response = await browser.SendAsync(request);
        await response.AssertProblemAsync(403, "forbidden");
    }

    public static TheoryData<string, string> StaffRoutesOfCoreApi() => new()
    {
        { "POST", $"/api/v1/orders/{Someone}/status" },
        { "GET", "/api/v1/users" },
        { "GET", "/api/v1/partners" },
        { "POST", "/api/v1/partners" },
        { "POST", "/api/v1/partners/keys/verify" },
        { "PUT", "/api/v1/partners/usage" },
        { "POST", "/api/v1/products" },
        { "DELETE", $"/api/v1/products/{Someone}" },
        { "GET", "/api/v1/outbox/events" },
    };

    [Theory]
    [MemberData(nameof(StaffRoutesOfCoreApi))]
    public async Task A_customers_token_on_core_apis_staff_and_service_routes_is_403(string method, string path)
    {
        using var core = SecurityPlatform.Client(platform.CoreUrl, await platform.CoreTokenAsync(DemoUsers.Alice));
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method != "GET") request.Content = JsonContent.Create(new { status = "Shipped", name = "x", plan = "free", key = "bp_test_x" });
        using var response = await core.SendAsync(request);
        await response.AssertProblemAsync(403, "forbidden");
    }

    [Fact]
    public async Task A_staff_order_move_on_core_api_needs_staff_even_with_the_scope_asked_for()
    {
        // A customer asking identity for orders.admin must not be able to use it.
        string token;
        try
        {
            token = await platform.CoreTokenAsync(DemoUsers.Alice, "openid roles core-api orders.read orders.admin");
        }
        catch (InvalidOperationException)
        {
            return; // identity refused to issue it: refused at the source.
        }
        var order = await platform.PlaceMobileOrderAsync(DemoUsers.Alice);
        using var core = SecurityPlatform.Client(platform.CoreUrl, token);
        using var response = await core.PostAsJsonAsync($"/api/v1/orders/{order}/status", new { status = "Confirmed" });
        await response.AssertProblemAsync(403, "forbidden");
        Assert.Equal("pending", await platform.OrderStatusAsync(order));
    }

    public static TheoryData<string, string> PartnerWrites() => new()
    {
        { "POST", "/api/v2/orders" },
        { "POST", $"/api/v2/orders/{Someone}/cancel" },
        { "POST", "/api/v2/webhooks/endpoints" },
        { "POST", "/api/v1/orders" },
    };

    [Theory]
    [MemberData(nameof(PartnerWrites))]
    public async Task A_read_only_key_on_writes_is_403(string method, string path)
    {
        using var api = SecurityPlatform.Client(platform.PublicUrl, platform.PartnerA.ReadOnlyKey);
        using var request = new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = JsonContent.Create(new { lines = new[] { new { productId = platform.ProductId, quantity = 1 } }, url = "https://93.184.216.34/x", eventTypes = new[] { "order.created.v1" } }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        using var response = await api.SendAsync(request);
        // public-api names the missing scope: 403 insufficient_scope (the key is valid, only not for writes).
        await response.AssertProblemAsync(403, "insufficient_scope");
    }

    /// <summary>Every operation of a door's checked-in OpenAPI document but the catalog (and bff-web's own sign-in routes).</summary>
    public static TheoryData<string, string, string> AnonymousRoutes()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (door, document) in new[] { ("bff-web", "bff-web"), ("bff-mobile", "bff-mobile"), ("core-api", "core-api"), ("public-api", "public-api-v1"), ("public-api", "public-api-v2") })
        {
            var paths = JsonNode.Parse(File.ReadAllText(RepoPaths.OpenApiDocument(document)))!["paths"]!.AsObject();
            foreach (var (path, operations) in paths)
            {
                if (IsPublic(door, path)) continue;
                foreach (var (method, _) in operations!.AsObject())
                {
                    if (method is "get" or "post" or "put" or "patch" or "delete") data.Add(door, method.ToUpperInvariant(), path);
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(AnonymousRoutes))]
    public async Task An_anonymous_visitor_is_401_everywhere_but_the_catalog(string door, string method, string path)
    {
        var concrete = System.Text.RegularExpressions.Regex.Replace(path, "\\{(deliveryId)\\}", "1");
        concrete = System.Text.RegularExpressions.Regex.Replace(concrete, "\\{[^}]+\\}", Guid.NewGuid().ToString());
        var baseUrl = door switch { "bff-web" => platform.WebUrl, "bff-mobile" => platform.MobileUrl, "core-api" => platform.CoreUrl, _ => platform.PublicUrl };
        using var visitor = SecurityPlatform.Client(baseUrl);
        using var request = new HttpRequestMessage(new HttpMethod(method), concrete);
        request.Headers.Add("X-CSRF", "1");
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        if (method != "GET" && method != "DELETE") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");

        using var response = await visitor.SendAsync(request);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{door} {method} {concrete} answered {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    // Any id: the route is refused before anything is looked up.
    private const string Someone = "5b0d2f64-8a6e-4f63-9c39-1f7a7f3c2e11";

    private static bool IsPublic(string door, string path) => door switch
    {
        "bff-web" => path.StartsWith("/api/products", StringComparison.Ordinal) || path.StartsWith("/bff/", StringComparison.Ordinal),
        "bff-mobile" => path.StartsWith("/mobile/v1/products", StringComparison.Ordinal) || path is "/mobile/v1/categories" or "/mobile/v1/home",
        _ => false,
    };
}
