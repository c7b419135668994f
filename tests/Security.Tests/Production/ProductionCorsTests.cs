namespace BffPlatform.Security.Tests.Production;

/// <summary>
/// API8 in Production: CORS lets no hostile, <c>null</c>, look-alike (suffix or prefix match),
/// other-scheme or other-port origin through on any service, identity's token endpoint included;
/// public-api's one configured origin gets exactly itself and never credentials.
/// </summary>
[Collection(ProductionCollection.Name)]
[Trait("owasp", "API8")]
public sealed class ProductionCorsTests(ProductionPlatform platform)
{
    private static readonly string[] Hostile =
    [
        "https://evil.example", "null", "https://evil-shop.example", "https://shop.example.evil.example", "https://evilshop.example",
        "http://shop.example", "https://shop.example:8443", "https://SHOP.example.", "https://shop.example%60.evil.example",
    ];

    public static TheoryData<string, string> HostileOrigins()
    {
        var data = new TheoryData<string, string>();
        foreach (var service in new[] { "bff-web", "bff-mobile", "core-api", "public-api", "identity" })
        {
            foreach (var origin in Hostile)
            {
                data.Add(service, origin);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(HostileOrigins))]
    public async Task No_hostile_null_or_look_alike_origin_is_allowed(string service, string origin)
    {
        var (method, path) = Target(service);
        using var client = platform.ClientOf(service);
        using var preflight = ProductionPlatform.ViaIngress(service, HttpMethod.Options, path);
        preflight.Headers.TryAddWithoutValidation("Origin", origin);
        preflight.Headers.Add("Access-Control-Request-Method", method.Method);
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization");
        using var simple = ProductionPlatform.ViaIngress(service, method, path);
        simple.Headers.TryAddWithoutValidation("Origin", origin);
        if (method == HttpMethod.Post) simple.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" });

        foreach (var response in new[] { await client.SendAsync(preflight), await client.SendAsync(simple) })
        {
            using (response)
            {
                Assert.Null(Header(response, "Access-Control-Allow-Origin"));
                Assert.Null(Header(response, "Access-Control-Allow-Credentials"));
            }
        }
    }

    [Fact]
    public async Task Public_apis_configured_origin_is_allowed_exactly_and_without_credentials()
    {
        using var client = platform.ClientOf("public-api");
        using var preflight = ProductionPlatform.ViaIngress("public-api", HttpMethod.Options, "/api/v2/products");
        preflight.Headers.Add("Origin", ProductionPlatform.PartnerOrigin);
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization");
        using var response = await client.SendAsync(preflight);
        Assert.Equal(ProductionPlatform.PartnerOrigin, Header(response, "Access-Control-Allow-Origin"));
        Assert.Null(Header(response, "Access-Control-Allow-Credentials"));
    }

    private static (HttpMethod Method, string Path) Target(string service) => service switch
    {
        "bff-web" => (HttpMethod.Get, "/api/products"),
        "bff-mobile" => (HttpMethod.Get, "/mobile/v1/products"),
        "core-api" => (HttpMethod.Get, "/api/v1/products"),
        "identity" => (HttpMethod.Post, "/connect/token"),
        _ => (HttpMethod.Get, "/api/v2/products"),
    };

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(",", values) : null;
}
