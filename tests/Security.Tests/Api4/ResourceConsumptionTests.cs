using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace BffPlatform.Security.Tests.Api4;

/// <summary>
/// API4 unrestricted resource consumption: page sizes are capped, huge bodies are 413, deeply
/// nested JSON is a 400 (never a 500 or a hang), and a flood meets 429 with Retry-After — bounded:
/// loopback, a few hundred requests at most.
/// </summary>
[Collection(SecurityCollection.Name)]
[Trait("owasp", "API4")]
public sealed class ResourceConsumptionTests(SecurityPlatform platform)
{
    [Theory]
    [InlineData("bff-web", "/api/products?pageSize=100000")]
    [InlineData("bff-web", "/api/orders?pageSize=100000")]
    [InlineData("bff-mobile", "/mobile/v1/products?limit=100000")]
    [InlineData("bff-mobile", "/mobile/v1/orders?limit=100000")]
    [InlineData("core-api", "/api/v1/products?pageSize=100000")]
    [InlineData("core-api", "/api/v1/orders?pageSize=100000")]
    [InlineData("public-api", "/api/v2/products?pageSize=100000")]
    [InlineData("public-api", "/api/v2/orders?limit=100000")]
    [InlineData("public-api", "/api/v2/orders?pageSize=100000")]
    public async Task A_huge_page_size_is_refused_or_capped(string door, string path)
    {
        using var response = await SendAsync(door, HttpMethod.Get, path);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            await response.AssertProblemAsync(400, JsonNode.Parse(body)!["code"]!.GetValue<string>());
            return;
        }
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{door} {path} answered {(int)response.StatusCode}: {body}");
        var items = JsonNode.Parse(body)!["items"]!.AsArray();
        Assert.True(items.Count <= 100, $"{door} {path} answered {items.Count} items");
    }

    public static TheoryData<string, string, string> Writes() => new()
    {
        // Not bff-web's checkout: it takes no body, so it never reads one (409 cart_empty or an order).
        { "bff-web", "POST", "/api/cart/items" },
        { "bff-mobile", "PUT", "/mobile/v1/cart/items/{product}" },
        { "core-api", "POST", "/api/v1/orders" },
        { "core-api", "POST", "/api/v1/cart/items" },
        { "public-api", "POST", "/api/v2/orders" },
        { "public-api", "POST", "/api/v2/webhooks/endpoints" },
    };

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task A_huge_body_is_413(string door, string method, string path)
    {
        var huge = "{\"productId\":\"" + platform.ProductId + "\",\"quantity\":1,\"note\":\"" + new string('x', 2 * 1024 * 1024) + "\"}";
        // Expect: 100-continue, as a careful client sends a large body: the door answers 413 before
        // the body is sent. Without it the door's early 413 races the upload, and the client can
        // see a broken pipe instead of the answer (seen once in CI on core-api).
        using var response = await SendAsync(door, new HttpMethod(method), path.Replace("{product}", platform.ProductId.ToString(), StringComparison.Ordinal), huge, expectContinue: true);
        await response.AssertProblemAsync(413, "payload_too_large");
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task Deeply_nested_json_is_400(string door, string method, string path)
    {
        var nested = "{\"productId\":\"" + platform.ProductId + "\",\"quantity\":1,\"lines\":" + new string('[', 5000) + new string(']', 5000) + "}";
        using var response = await SendAsync(door, new HttpMethod(method), path.Replace("{product}", platform.ProductId.ToString(), StringComparison.Ordinal), nested);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest, $"{door} {path} answered {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("bff-web", 150)]
    [InlineData("bff-mobile", 80)]
    [InlineData("public-api", 40)]
    public async Task A_flood_meets_429_with_retry_after(string door, int requests)
    {
        // Each door's own caller: the flood spends nobody else's allowance.
        Func<Task<HttpResponseMessage>> send = door switch
        {
            "bff-web" => await WebSenderAsync(),
            "bff-mobile" => MobileSender(await platform.MobileTokenAsync(DemoUsers.Dave)),
            _ => PublicSender(),
        };

        var responses = await Task.WhenAll(Enumerable.Range(0, requests).Select(_ => send()));
        try
        {
            var limited = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
            Assert.True(limited.Count > 0, $"{door}: none of {requests} requests was limited ({string.Join(",", responses.Select(r => (int)r.StatusCode).Distinct())})");
            Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, $"{door} answered {(int)r.StatusCode}"));
            await limited[0].AssertProblemAsync(429, "rate_limited");
            Assert.NotNull(limited[0].Headers.RetryAfter);
        }
        finally
        {
            foreach (var response in responses) response.Dispose();
        }
        // The burst window refills before the next test.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
    }

    private async Task<Func<Task<HttpResponseMessage>>> WebSenderAsync()
    {
        var browser = await platform.WebSessionAsync(DemoUsers.Carol);
        return () => browser.ApiAsync(HttpMethod.Get, platform.WebUrl + "/api/me");
    }

    private Func<Task<HttpResponseMessage>> MobileSender(string token)
    {
        var app = SecurityPlatform.Client(platform.MobileUrl, token);
        return () => app.GetAsync("/mobile/v1/me");
    }

    private Func<Task<HttpResponseMessage>> PublicSender()
    {
        var api = SecurityPlatform.Client(platform.PublicUrl, BffPlatform.Testing.Partners.DemoPartner.TestKey);
        return () => api.GetAsync("/api/v2/ping");
    }

    private async Task<HttpResponseMessage> SendAsync(string door, HttpMethod method, string path, string? json = null, bool expectContinue = false)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.ExpectContinue = expectContinue;
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        switch (door)
        {
            case "bff-web":
                var browser = await platform.WebSessionAsync(DemoUsers.Alice);
                request.RequestUri = new Uri(platform.WebUrl + path);
                request.Headers.Add("X-CSRF", "1");
                return await browser.SendAsync(request);
            case "bff-mobile":
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await platform.MobileTokenAsync(DemoUsers.Alice));
                return await SecurityPlatform.Client(platform.MobileUrl).SendAsync(request);
            case "core-api":
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await platform.CoreTokenAsync(DemoUsers.Alice));
                return await SecurityPlatform.Client(platform.CoreUrl).SendAsync(request);
            default:
                return await SecurityPlatform.Client(platform.PublicUrl, platform.PartnerA.TestKey).SendAsync(request);
        }
    }
}
