using System.Net;

namespace BffPlatform.Security.Tests.Production;

/// <summary>
/// API8 in Production: every answer reached through the Ingress (https) carries HSTS, nosniff,
/// no-referrer and a CSP that forbids framing; pages add <c>X-Frame-Options: DENY</c>, and the
/// SPA's page its strict policy. Over plain http no HSTS is sent (RFC 6797: a browser must ignore it
/// there, and it would pin a host that may not have https at all).
/// </summary>
[Collection(ProductionCollection.Name)]
[Trait("owasp", "API8")]
public sealed class ProductionHeadersTests(ProductionPlatform platform)
{
    private const string Hsts = "max-age=31536000; includeSubDomains";

    public static TheoryData<string, string, bool> Answers() => new()
    {
        { "bff-web", "/", true }, { "bff-web", "/api/products", false }, { "bff-web", "/bff/user", false }, { "bff-web", "/missing.js", false },
        { "bff-mobile", "/mobile/v1/me", false }, { "bff-mobile", "/nothing-here", false },
        { "core-api", "/api/v1/products", false }, { "core-api-docs", "/api/docs/index.html", true },
        { "public-api", "/api/v2/ping", false }, { "public-api", "/api/docs/index.html", true },
        { "identity", "/.well-known/openid-configuration", false }, { "identity", "/account/login", true }, { "identity", "/nothing-here", false },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task Every_answer_through_the_ingress_carries_hsts_and_the_security_headers(string service, string path, bool page)
    {
        using var client = platform.ClientOf(service);
        using var request = ProductionPlatform.ViaIngress(service, HttpMethod.Get, path);
        request.Headers.Add("X-CSRF", "1");
        if (page) request.Headers.Accept.ParseAdd("text/html");
        using var response = await client.SendAsync(request);
        var context = $"{service} {path} ({(int)response.StatusCode})";

        Assert.True(Header(response, "Strict-Transport-Security") == Hsts, $"{context}: HSTS '{Header(response, "Strict-Transport-Security")}'");
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        var csp = Header(response, "Content-Security-Policy") ?? "";
        Assert.True(csp.Contains("frame-ancestors 'none'", StringComparison.Ordinal), $"{context}: CSP '{csp}'");
        Assert.Null(Header(response, "Server"));
        Assert.Null(Header(response, "X-Powered-By"));
        if (page)
        {
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        }
    }

    [Fact]
    public async Task The_spa_page_gets_the_strict_policy_naming_identity_for_sign_in()
    {
        using var web = ProductionPlatform.Client(platform.WebUrl);
        using var request = ProductionPlatform.ViaIngress("bff-web", HttpMethod.Get, "/orders");
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await web.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = Header(response, "Content-Security-Policy") ?? "";
        Assert.StartsWith("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains($"form-action 'self' {platform.IdentityUrl}", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("ws:", csp, StringComparison.Ordinal);
        Assert.Equal("same-origin", Header(response, "Cross-Origin-Opener-Policy"));
    }

    [Theory]
    [InlineData("bff-web", "/api/products")]
    [InlineData("bff-mobile", "/mobile/v1/me")]
    [InlineData("core-api", "/api/v1/products")]
    [InlineData("public-api", "/api/v2/ping")]
    public async Task Plain_http_straight_to_a_service_gets_no_hsts(string service, string path)
    {
        // Straight to the pod: no X-Forwarded-Proto, the request is http.
        using var client = platform.ClientOf(service);
        using var plain = new HttpRequestMessage(HttpMethod.Get, path);
        plain.Headers.Host = ProductionPlatform.PublicHost(service);
        plain.Headers.Add("X-CSRF", "1");
        using var response = await client.SendAsync(plain);
        Assert.Null(Header(response, "Strict-Transport-Security"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
    }

    [Fact]
    public async Task Identity_refuses_plain_http_but_for_health_probes()
    {
        // Its plain-http port exists for the orchestrator's probes only: a password must never travel there.
        using var plain = ProductionPlatform.Client(platform.IdentityHealthUrl);
        using var ready = await plain.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var login = await plain.GetAsync("/account/login");
        var problem = await login.AssertProblemAsync(400, "https_required");
        Assert.Null(Header(login, "Strict-Transport-Security"));
        Assert.DoesNotContain("Exception", problem.ToJsonString(), StringComparison.Ordinal);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(",", values) : null;
}
