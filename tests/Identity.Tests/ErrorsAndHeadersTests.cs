using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BffPlatform.Identity.Tests.Infrastructure;

namespace BffPlatform.Identity.Tests;

/// <summary>
/// identity's pages carry a CSP of their own (nothing runs, only their stylesheet by hash) with the
/// platform's other headers; its errors outside the protocol are Problem Details for any Accept,
/// while the OAuth endpoints keep RFC 6749 JSON errors.
/// </summary>
public sealed class ErrorsAndHeadersTests(SharedIdentity shared) : IClassFixture<SharedIdentity>
{
    public static TheoryData<string> Accepts() => ["text/html", "application/xml", "image/png", "*/*", "", "text/html,application/xhtml+xml;q=0.9"];

    private async Task<HttpResponseMessage> GetAsync(string path, string accept)
    {
        using var client = shared.Identity.CreateBrowser();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept.Length > 0) request.Headers.TryAddWithoutValidation("Accept", accept);
        return await client.SendAsync(request);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";

    [Fact]
    public async Task The_sign_in_page_has_its_own_strict_policy_matching_its_stylesheet()
    {
        var page = await GetAsync("/account/login", "text/html");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var style = html[(html.IndexOf("<style>", StringComparison.Ordinal) + "<style>".Length)..html.IndexOf("</style>", StringComparison.Ordinal)];
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(style)));

        var csp = Header(page, "Content-Security-Policy");

        Assert.StartsWith("default-src 'none';", csp);
        Assert.Contains($"style-src 'sha256-{hash}'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("script-src", csp);
        Assert.DoesNotContain("<script", html);
        Assert.Equal("DENY", Header(page, "X-Frame-Options"));
        Assert.Equal("nosniff", Header(page, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(page, "Referrer-Policy"));
        Assert.Equal("", Header(page, "Server"));
    }

    [Fact]
    public async Task Json_answers_get_the_api_policy()
    {
        var discovery = await GetAsync("/.well-known/openid-configuration", "application/json");
        Assert.Equal(HttpStatusCode.OK, discovery.StatusCode);
        Assert.Equal("default-src 'none'; frame-ancestors 'none'", Header(discovery, "Content-Security-Policy"));
        Assert.Equal("nosniff", Header(discovery, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(discovery, "Referrer-Policy"));
    }

    [Theory]
    [MemberData(nameof(Accepts))]
    public async Task An_unknown_path_is_404_problem_for_any_accept(string accept)
    {
        var response = await GetAsync("/nothing/here", accept);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("not_found", problem.GetProperty("code").GetString());
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Accepts))]
    public async Task A_url_over_the_limit_is_414_problem(string accept)
    {
        var response = await GetAsync("/account/login?returnUrl=" + new string('a', 9000), accept);
        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("uri_too_long", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("image/png")]
    public async Task The_token_endpoint_keeps_rfc_6749_errors(string accept)
    {
        using var client = shared.Identity.CreateBrowser();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "urn:example:nothing", ["client_id"] = "internal-tools" }),
        };
        request.Headers.TryAddWithoutValidation("Accept", accept);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.TryGetProperty("error", out _));
    }
}
