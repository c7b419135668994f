using System.Net;
using System.Net.Http.Headers;
using BffPlatform.CoreApi.Tests.Infrastructure;

namespace BffPlatform.CoreApi.Tests.Hosting;

/// <summary>
/// Every error is Problem Details with the right status whatever the client accepts, on the real
/// socket (Kestrel's own limits and headers included).
/// </summary>
public sealed class ErrorsForEveryClientTests(KestrelCoreApiFactory app) : IClassFixture<KestrelCoreApiFactory>
{
    public static TheoryData<string> Accepts() => ["text/html", "application/xml", "image/png", "*/*", "", "text/html,application/xhtml+xml;q=0.9"];

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string accept, string? token = null, HttpContent? content = null)
    {
        using var client = app.AnonymousClient();
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (accept.Length > 0) request.Headers.TryAddWithoutValidation("Accept", accept);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    [Theory]
    [MemberData(nameof(Accepts))]
    public async Task No_token_is_401_problem(string accept)
    {
        var response = await SendAsync(HttpMethod.Get, "/api/v1/ping", accept);
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [Theory]
    [MemberData(nameof(Accepts))]
    public async Task A_bad_token_is_401_problem(string accept)
    {
        var response = await SendAsync(HttpMethod.Get, "/api/v1/ping", accept, TestTokens.Tampered(TestTokens.User("alice")));
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        // RFC 6750's answer, as the bearer handler writes it.
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.StartsWith("error=\"invalid_token\", error_description=", challenge.Parameter);
    }

    [Theory]
    [MemberData(nameof(Accepts))]
    public async Task A_forbidden_route_is_403_problem(string accept)
    {
        var response = await SendAsync(HttpMethod.Get, "/api/v1/users", accept, TestTokens.Create(TestTokens.User("alice")));
        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Theory]
    [MemberData(nameof(Accepts))]
    public async Task Unknown_route_is_404_and_wrong_method_405_problem(string accept)
    {
        var token = TestTokens.Create(TestTokens.User("alice"));
        await (await SendAsync(HttpMethod.Get, "/api/v1/nothing-here", accept, token)).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await SendAsync(HttpMethod.Delete, "/api/v1/ping", accept, token)).AssertProblemAsync(HttpStatusCode.MethodNotAllowed, "method_not_allowed");
    }

    [Theory]
    [MemberData(nameof(Accepts))]
    public async Task Malformed_json_and_wrong_media_type_are_problems(string accept)
    {
        var token = TestTokens.Create(TestTokens.User("alice"));
        var malformed = await SendAsync(HttpMethod.Post, "/api/v1/orders", accept, token, new StringContent("{\"lines\":[", System.Text.Encoding.UTF8, "application/json"));
        await malformed.AssertProblemAsync(HttpStatusCode.BadRequest, "malformed_request");
        var text = await SendAsync(HttpMethod.Post, "/api/v1/orders", accept, token, new StringContent("lines", System.Text.Encoding.UTF8, "text/plain"));
        await text.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    [Theory]
    [MemberData(nameof(Accepts))]
    public async Task A_url_over_the_limit_is_414_problem(string accept)
    {
        var response = await SendAsync(HttpMethod.Get, "/api/v1/products?q=" + new string('a', 9000), accept);
        await response.AssertProblemAsync(HttpStatusCode.RequestUriTooLong, "uri_too_long");
    }

    [Fact]
    public async Task Answers_carry_the_api_security_headers_and_no_server_header()
    {
        var token = TestTokens.Create(TestTokens.User("alice"));
        foreach (var response in new[]
                 {
                     await SendAsync(HttpMethod.Get, "/api/v1/ping", "application/json", token),
                     await SendAsync(HttpMethod.Get, "/api/v1/ping", "text/html"),
                     await SendAsync(HttpMethod.Get, "/health/live", ""),
                 })
        {
            Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("no-referrer", string.Join(",", response.Headers.GetValues("Referrer-Policy")));
            Assert.Equal("default-src 'none'; frame-ancestors 'none'", string.Join(",", response.Headers.GetValues("Content-Security-Policy")));
            Assert.False(response.Headers.Contains("Server"), "core-api must not name its server");
        }
    }

    [Fact]
    public async Task Swagger_ui_pages_keep_working_and_refuse_framing()
    {
        var page = await SendAsync(HttpMethod.Get, "/api/docs/index.html", "text/html");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("DENY", string.Join(",", page.Headers.GetValues("X-Frame-Options")));
        var csp = string.Join(",", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("default-src 'none'", csp);
        Assert.Equal("nosniff", string.Join(",", page.Headers.GetValues("X-Content-Type-Options")));
    }
}
