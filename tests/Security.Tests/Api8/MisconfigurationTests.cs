using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace BffPlatform.Security.Tests.Api8;

/// <summary>
/// API8 security misconfiguration: security headers on every door (answers and errors alike), CORS
/// that no hostile, <c>null</c> or look-alike origin passes, and errors that stay Problem Details
/// without internals whatever the client's <c>Accept</c>, <c>Accept-Encoding</c> or body encoding.
/// </summary>
[Collection(SecurityCollection.Name)]
[Trait("owasp", "API8")]
public sealed class MisconfigurationTests(SecurityPlatform platform)
{
    public static TheoryData<string, string> Answers() => new()
    {
        { "bff-web", "/api/products" }, { "bff-web", "/api/me" }, { "bff-web", "/" }, { "bff-web", "/nothing-here.json" },
        { "bff-mobile", "/mobile/v1/products" }, { "bff-mobile", "/mobile/v1/me" }, { "bff-mobile", "/nothing-here" },
        { "core-api", "/api/v1/products" }, { "core-api", "/nothing-here" },
        { "public-api", "/api/v2/products" }, { "public-api", "/nothing-here" },
        { "identity", "/.well-known/openid-configuration" },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task Every_answer_carries_the_security_headers_and_names_no_server(string door, string path)
    {
        using var client = SecurityPlatform.Client(BaseUrl(door));
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-CSRF", "1");
        using var response = await client.SendAsync(request);

        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.False(string.IsNullOrEmpty(Header(response, "Content-Security-Policy")), $"{door} {path}: no CSP");
        Assert.Null(Header(response, "Server"));
        Assert.Null(Header(response, "X-Powered-By"));
        Assert.Null(Header(response, "X-AspNet-Version"));
    }

    public static TheoryData<string, string> HostileOrigins()
    {
        var data = new TheoryData<string, string>();
        foreach (var door in new[] { "bff-web", "bff-mobile", "core-api", "public-api" })
        {
            foreach (var origin in new[] { "https://evil.example", "null", "https://evil-shop.example", "https://shop.example.evil.example", "http://shop.example", "https://shop.example:8443" })
            {
                data.Add(door, origin);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(HostileOrigins))]
    public async Task No_hostile_null_or_look_alike_origin_is_allowed(string door, string origin)
    {
        var path = door switch { "bff-web" => "/api/products", "bff-mobile" => "/mobile/v1/products", "core-api" => "/api/v1/products", _ => "/api/v2/products" };
        using var client = SecurityPlatform.Client(BaseUrl(door));
        using var preflight = new HttpRequestMessage(HttpMethod.Options, path);
        preflight.Headers.Add("Origin", origin);
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization");
        using var simple = new HttpRequestMessage(HttpMethod.Get, path);
        simple.Headers.Add("Origin", origin);

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
    public async Task Public_apis_configured_origin_is_allowed_exactly()
    {
        // The positive control of the test above: the suite configures https://shop.example.
        using var client = SecurityPlatform.Client(platform.PublicUrl);
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/v2/products");
        preflight.Headers.Add("Origin", SecurityPlatform.PartnerOrigin);
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization");
        using var response = await client.SendAsync(preflight);
        Assert.Equal(SecurityPlatform.PartnerOrigin, Header(response, "Access-Control-Allow-Origin"));
        Assert.Null(Header(response, "Access-Control-Allow-Credentials"));
    }

    public static TheoryData<string, string> OddAccepts()
    {
        var data = new TheoryData<string, string>();
        foreach (var door in new[] { "bff-web", "bff-mobile", "core-api", "public-api" })
        {
            foreach (var accept in new[] { "text/html", "application/xml", "image/png", "*/*;q=0", "garbage/;;;", "application/json;q=0, text/plain" })
            {
                data.Add(door, accept);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(OddAccepts))]
    public async Task An_error_stays_problem_details_whatever_the_accept_header(string door, string accept)
    {
        using var client = SecurityPlatform.Client(BaseUrl(door));
        using var request = new HttpRequestMessage(HttpMethod.Get, ProtectedPath(door));
        request.Headers.Add("X-CSRF", "1");
        request.Headers.TryAddWithoutValidation("Accept", accept);
        using var response = await client.SendAsync(request);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{door} with Accept {accept} answered {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"code\"", body, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> OddEncodings()
    {
        var data = new TheoryData<string, string>();
        foreach (var door in new[] { "bff-web", "bff-mobile", "core-api", "public-api" })
        {
            foreach (var encoding in new[] { "gzip", "br", "identity;q=0", "*;q=0", "bogus, x-gzip;q=2", "gzip;q=NaN" })
            {
                data.Add(door, encoding);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(OddEncodings))]
    public async Task A_catalog_read_survives_odd_accept_encodings(string door, string encoding)
    {
        var path = door switch { "bff-web" => "/api/products", "bff-mobile" => "/mobile/v1/products", "core-api" => "/api/v1/ping", _ => "/api/v2/ping" };
        using var client = SecurityPlatform.Client(BaseUrl(door), await BearerAsync(door));
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-CSRF", "1");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", encoding);
        using var response = await client.SendAsync(request);
        Assert.True((int)response.StatusCode is 200 or 406, $"{door} with Accept-Encoding {encoding} answered {(int)response.StatusCode}");
    }

    public static TheoryData<string, string> OddBodies()
    {
        var data = new TheoryData<string, string>();
        foreach (var door in new[] { "bff-web", "bff-mobile", "core-api", "public-api" })
        {
            foreach (var body in new[] { "text/plain", "application/json; charset=utf-7", "application/json; charset=utf-16", "application/x-www-form-urlencoded", "invalid-json", "empty" })
            {
                data.Add(door, body);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(OddBodies))]
    public async Task An_odd_body_is_a_4xx_problem_without_internals(string door, string kind)
    {
        var (method, path) = door switch
        {
            "bff-web" => (HttpMethod.Post, "/api/cart/items"),
            "bff-mobile" => (HttpMethod.Put, $"/mobile/v1/cart/items/{platform.ProductId}"),
            "core-api" => (HttpMethod.Post, "/api/v1/cart/items"),
            _ => (HttpMethod.Post, "/api/v2/orders"),
        };
        var json = $"{{\"productId\":\"{platform.ProductId}\",\"quantity\":1}}";
        HttpContent content = kind switch
        {
            "invalid-json" => new StringContent("{\"productId\": \"" + platform.ProductId + "\", \"quantity\": }", Encoding.UTF8, "application/json"),
            "empty" => new StringContent("", Encoding.UTF8, "application/json"),
            "application/json; charset=utf-16" => new ByteArrayContent(Encoding.Unicode.GetBytes(json)),
            _ => new ByteArrayContent(Encoding.UTF8.GetBytes(json)),
        };
        if (kind is not ("invalid-json" or "empty")) content.Headers.TryAddWithoutValidation("Content-Type", kind);

        using var client = door == "bff-web" ? null : SecurityPlatform.Client(BaseUrl(door), await BearerAsync(door));
        using var request = new HttpRequestMessage(method, door == "bff-web" ? platform.WebUrl + path : path) { Content = content };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        request.Headers.Add("X-CSRF", "1");
        using var response = door == "bff-web"
            ? await (await platform.WebSessionAsync(DemoUsers.Alice)).SendAsync(request)
            : await client!.SendAsync(request);

        var body = await response.Content.ReadAsStringAsync();
        if (kind == "application/json; charset=utf-16" && response.IsSuccessStatusCode)
        {
            // The body really is UTF-16 and says so: a door that decodes it (ASP.NET Core transcodes
            // a declared utf-16 charset) has answered a valid request, the line quantity proves it read it right.
            Assert.Contains("\"productId\":\"" + platform.ProductId + "\"", body, StringComparison.OrdinalIgnoreCase);
            return;
        }
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{door} with {kind} answered {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        foreach (var internals in new[] { "   at ", "Exception", "BffPlatform.", "System.", "Microsoft." })
        {
            Assert.DoesNotContain(internals, body, StringComparison.Ordinal);
        }
    }

    private async Task<string?> BearerAsync(string door) => door switch
    {
        "bff-mobile" => await platform.MobileTokenAsync(DemoUsers.Alice),
        "core-api" => await platform.CoreTokenAsync(DemoUsers.Alice),
        "public-api" => platform.PartnerA.TestKey,
        _ => null,
    };

    private static string ProtectedPath(string door) => door switch
    {
        "bff-web" => "/api/me", "bff-mobile" => "/mobile/v1/me", "core-api" => "/api/v1/users/me", _ => "/api/v2/orders",
    };

    private string BaseUrl(string door) => door switch
    {
        "bff-web" => platform.WebUrl, "bff-mobile" => platform.MobileUrl, "core-api" => platform.CoreUrl, "identity" => platform.IdentityUrl, _ => platform.PublicUrl,
    };

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(",", values) : null;
}
