using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace BffPlatform.Security.Tests.Production;

/// <summary>
/// API8 in Production: a forced error — a malformed body, an unknown route, a refused credential,
/// core-api failing behind a door — is Problem Details (or identity's OAuth error) that names no
/// exception, type, stack frame, file path, driver or internal address.
/// </summary>
[Collection(ProductionCollection.Name)]
[Trait("owasp", "API8")]
public sealed class ProductionErrorTests(ProductionPlatform platform)
{
    [Theory]
    [InlineData("{\"sku\": \"X-1\", \"name\": \"Mug\", \"price\": }")]
    [InlineData("{\"sku\": 12, \"name\": [\"Mug\"], \"category\": \"Kitchen\", \"price\": \"cheap\", \"currency\": \"EUR\", \"stock\": 1}")]
    [InlineData("[")]
    public async Task A_malformed_body_to_core_api_is_a_400_without_internals(string json)
    {
        using var core = ProductionPlatform.Client(platform.CoreUrl, await platform.CoreTokenAsync());
        using var response = await core.PostAsync("/api/v1/products", new StringContent(json, Encoding.UTF8, "application/json"));
        await AssertCleanProblemAsync(response, 400);
    }

    public static TheoryData<string, string> UnknownRoutes() => new()
    {
        { "core-api", "/api/v1/nothing-here" }, { "bff-web", "/api/nothing-here" }, { "bff-mobile", "/mobile/v1/nothing-here" },
        { "public-api", "/nothing-here" }, { "identity", "/nothing-here" },
    };

    [Theory]
    [MemberData(nameof(UnknownRoutes))]
    public async Task An_unknown_route_is_a_404_without_internals(string service, string path)
    {
        var token = service == "core-api" ? await platform.CoreTokenAsync() : null;
        using var client = platform.ClientOf(service, token);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-CSRF", "1");
        using var response = await client.SendAsync(request);
        await AssertCleanProblemAsync(response, 404);
    }

    [Fact]
    public async Task A_malformed_logout_token_to_bff_web_is_a_400_without_internals()
    {
        // Anonymous by design (identity posts it): bff-web validates it against identity's keys, fetched over TLS.
        using var web = ProductionPlatform.Client(platform.WebUrl);
        using var response = await web.PostAsync("/bff/backchannel", new FormUrlEncodedContent(new Dictionary<string, string> { ["logout_token"] = "eyJhbGciOi.not-a-jwt" }));
        await AssertCleanProblemAsync(response, 400);
    }

    [Theory]
    [InlineData("Bearer bp_live_%%%")]
    [InlineData("Bearer bp_test_" + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("Basic YWRtaW46YWRtaW4=")]
    public async Task A_refused_key_on_public_api_is_a_401_without_internals(string authorization)
    {
        using var api = ProductionPlatform.Client(platform.PublicUrl);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v2/products");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var response = await api.SendAsync(request);
        await AssertCleanProblemAsync(response, 401);
    }

    [Fact]
    public async Task A_malformed_token_request_to_identity_names_no_internals()
    {
        using var identity = platform.IdentityClient();
        using var response = await identity.PostAsync("/connect/token", new StringContent("grant_type=%%%&client_id=", Encoding.UTF8, "application/x-www-form-urlencoded"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"identity answered {(int)response.StatusCode}: {body}");
        AssertNoInternals(body);
    }

    public static TheoryData<string> UpstreamFailures() => new() { "500 with a stack trace", "connection dropped", "502 html from a proxy" };

    [Theory]
    [MemberData(nameof(UpstreamFailures))]
    public async Task Core_api_failing_behind_a_door_is_a_5xx_problem_without_internals(string failure)
    {
        platform.FakeCore.Answer = context => FailAsync(context, failure);
        using var mobile = ProductionPlatform.Client(platform.MobileUrl);
        using var response = await mobile.GetAsync("/mobile/v1/products");
        var body = await AssertCleanProblemAsync(response, null);
        Assert.True((int)response.StatusCode is 502 or 503 or 504, $"bff-mobile answered {(int)response.StatusCode}: {body}");
        // Not even where core-api lives.
        Assert.DoesNotContain(new Uri(platform.FakeCore.BaseUrl).Port.ToString(System.Globalization.CultureInfo.InvariantCulture), body, StringComparison.Ordinal);
        Assert.DoesNotContain("KABOOM", body, StringComparison.Ordinal);
    }

    private static async Task FailAsync(HttpContext context, string failure)
    {
        switch (failure)
        {
            case "connection dropped":
                context.Abort();
                return;
            case "502 html from a proxy":
                context.Response.StatusCode = 502;
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync("<html><body><h1>502 Bad Gateway</h1>KABOOM nginx/1.25.3 at 10.0.3.7</body></html>");
                return;
            default:
                context.Response.StatusCode = 500;
                context.Response.ContentType = "text/plain";
                await context.Response.WriteAsync("System.InvalidOperationException: KABOOM\n   at BffPlatform.CoreApi.Products.ProductEndpoints.List() in /src/core-api/Products/ProductEndpoints.cs:line 42");
                return;
        }
    }

    private static readonly string[] Internals =
        ["   at ", "Exception", ".cs:line", "BffPlatform.", "System.", "Microsoft.", "Npgsql", "Sqlite", "SQLite", "/tmp/", "/src/", "/app/", "Kestrel"];

    private static void AssertNoInternals(string body)
    {
        foreach (var internals in Internals.Append(RepoPaths.Root))
        {
            Assert.DoesNotContain(internals, body, StringComparison.Ordinal);
        }
    }

    /// <summary>Problem Details of <paramref name="status"/> (any status when null) without internals; the body.</summary>
    private static async Task<string> AssertCleanProblemAsync(HttpResponseMessage response, int? status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status is null || (int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"code\"", body, StringComparison.Ordinal);
        AssertNoInternals(body);
        return body;
    }
}
