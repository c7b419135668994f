using System.Net;
using BffPlatform.Identity.Tests.Infrastructure;

namespace BffPlatform.Identity.Tests;

/// <summary>CORS only on the token endpoint, and only for core-api's Swagger UI origin (Identity:TokenEndpointCorsOrigins).</summary>
public sealed class TokenEndpointCorsTests(SharedIdentity shared) : IClassFixture<SharedIdentity>
{
    private const string SwaggerOrigin = "http://127.0.0.1:5200";
    private readonly HttpClient _http = shared.Identity.CreateClient();

    private Task<HttpResponseMessage> PreflightAsync(string path, string origin, string requestHeaders = "content-type")
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", requestHeaders);
        return _http.SendAsync(request);
    }

    [Fact]
    public async Task The_headers_swagger_ui_sends_are_allowed()
    {
        // Chromium's preflight for Swagger UI's token request (client credentials with basic auth, and code + PKCE).
        var preflight = await PreflightAsync("/connect/token", SwaggerOrigin, "authorization,content-type,x-requested-with");

        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.Equal(SwaggerOrigin, AllowedOrigin(preflight));
        var allowed = preflight.Headers.GetValues("Access-Control-Allow-Headers").Single().Split(',').Select(h => h.Trim().ToLowerInvariant());
        Assert.Equal(["authorization", "content-type", "x-requested-with"], allowed.Order());
    }

    [Theory]
    [InlineData("x-custom")]
    [InlineData("cookie")]
    [InlineData("x-requested-with,x-forwarded-for")]
    public async Task Other_request_headers_are_not_allowed(string requestHeaders)
    {
        var preflight = await PreflightAsync("/connect/token", SwaggerOrigin, requestHeaders);

        var allowed = preflight.Headers.TryGetValues("Access-Control-Allow-Headers", out var values)
            ? values.SelectMany(v => v.Split(',')).Select(h => h.Trim().ToLowerInvariant()).ToList()
            : [];
        Assert.DoesNotContain(requestHeaders.Split(',')[^1], allowed);
        Assert.All(allowed, h => Assert.Contains(h, (string[])["authorization", "content-type", "x-requested-with"]));
    }

    private static string? AllowedOrigin(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? values.Single() : null;

    [Fact]
    public async Task Swagger_UIs_origin_may_call_the_token_endpoint()
    {
        var preflight = await PreflightAsync("/connect/token", SwaggerOrigin);

        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.Equal(SwaggerOrigin, AllowedOrigin(preflight));
        Assert.Contains("POST", preflight.Headers.GetValues("Access-Control-Allow-Methods").Single());
    }

    [Fact]
    public async Task The_actual_token_response_carries_the_cors_header_for_that_origin()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["client_id"] = OAuth.InternalTools, ["client_secret"] = OAuth.InternalToolsSecret,
            }),
        };
        request.Headers.Add("Origin", SwaggerOrigin);

        var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SwaggerOrigin, AllowedOrigin(response));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5300")]
    [InlineData("https://evil.example.test")]
    [InlineData("http://localhost:5200")]
    public async Task Other_origins_get_no_cors_permission(string origin)
    {
        var preflight = await PreflightAsync("/connect/token", origin);

        Assert.Null(AllowedOrigin(preflight));
    }

    [Theory]
    [InlineData("/connect/authorize")]
    [InlineData("/connect/revoke")]
    [InlineData("/connect/userinfo")]
    [InlineData("/account/login")]
    public async Task Other_endpoints_get_no_cors_permission_even_for_swagger(string path)
    {
        var preflight = await PreflightAsync(path, SwaggerOrigin);

        Assert.Null(AllowedOrigin(preflight));
    }
}
