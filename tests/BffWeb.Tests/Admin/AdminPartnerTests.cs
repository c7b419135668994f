using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using BffPlatform.BffWeb.Tests.Infrastructure;
using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Partners;
using BffPlatform.ServiceDefaults.Json;
using Microsoft.AspNetCore.Http;

namespace BffPlatform.BffWeb.Tests.Admin;

/// <summary>
/// bff-web's staff partner routes (issue 12): only staff get through, each call carries the staff
/// user's token to the right core-api path, core-api's problems reach the SPA as they were, and
/// the answers that carry a key's secret are never cached.
/// </summary>
public sealed class AdminPartnerTests : RecordingCoreTests
{
    private const string PartnerId = "0f8e4d2c-5a6b-4c3d-9e1f-2a3b4c5d6e7f";
    private const string KeyId = "1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d";
    private static readonly JsonSerializerOptions Json = JsonDefaults.CreateClientOptions();

    public static TheoryData<string, string> Routes => new()
    {
        { "GET", "/api/admin/partners" },
        { "POST", "/api/admin/partners" },
        { "GET", $"/api/admin/partners/{PartnerId}" },
        { "PUT", $"/api/admin/partners/{PartnerId}" },
        { "GET", $"/api/admin/partners/{PartnerId}/keys" },
        { "POST", $"/api/admin/partners/{PartnerId}/keys" },
        { "POST", $"/api/admin/partners/{PartnerId}/keys/{KeyId}/roll" },
        { "POST", $"/api/admin/partners/{PartnerId}/keys/{KeyId}/revoke" },
        { "GET", $"/api/admin/partners/{PartnerId}/usage" },
        { "GET", "/api/admin/partners/audit" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task A_customer_is_refused_with_403_and_core_api_is_never_asked(string method, string path)
    {
        using var browser = Factory.CreateBrowser();
        await Factory.SignInAsync(browser, role: "customer");

        using var response = await browser.SendAsync(Http.Api(new HttpMethod(method), path, json: BodyFor(method)));

        await response.AssertProblemAsync(403, ErrorCodes.Forbidden);
        Assert.Empty(Core.Requests);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Without_a_session_they_are_401(string method, string path)
    {
        using var browser = Factory.CreateBrowser();

        using var response = await browser.SendAsync(Http.Api(new HttpMethod(method), path, json: BodyFor(method)));

        await response.AssertProblemAsync(401, ErrorCodes.Unauthorized);
        Assert.Empty(Core.Requests);
    }

    [Fact]
    public async Task Without_the_csrf_header_a_staff_write_is_refused_before_core_api()
    {
        using var browser = Factory.CreateBrowser();
        await Factory.SignInAsync(browser, role: "staff");

        using var response = await browser.SendAsync(Http.Api(HttpMethod.Post, $"/api/admin/partners/{PartnerId}/keys/{KeyId}/revoke", csrf: false));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(Core.Requests);
    }

    [Fact]
    public async Task Staff_list_partners_with_their_own_token_and_the_query_passed_on()
    {
        using var browser = Factory.CreateBrowser();
        var session = await Factory.SignInAsync(browser, role: "staff");
        Core.Answer = context => context.Response.WriteAsJsonAsync(
            new Page<PartnerDto>([Partner()], "next-1"), Json);

        using var response = await browser.GetApiAsync("/api/admin/partners?cursor=abc&pageSize=10");

        var body = await response.JsonAsync();
        Assert.Equal("Acme Retail", body["items"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("next-1", body["nextCursor"]!.GetValue<string>());
        var seen = Assert.Single(Core.Requests);
        Assert.Equal("GET /api/v1/partners?cursor=abc&pageSize=10", seen.Line);
        Assert.Equal("Bearer at-initial-" + session.RefreshToken, seen.Headers["Authorization"]);
    }

    [Fact]
    public async Task Creating_a_partner_is_201_at_bff_webs_own_address()
    {
        using var browser = Factory.CreateBrowser();
        await Factory.SignInAsync(browser, role: "staff");
        JsonNode? sent = null;
        Core.Answer = async context =>
        {
            sent = await JsonNode.ParseAsync(context.Request.Body);
            context.Response.StatusCode = StatusCodes.Status201Created;
            context.Response.Headers.Location = $"/api/v1/partners/{PartnerId}";
            await context.Response.WriteAsJsonAsync(Partner(), Json);
        };

        using var response = await browser.SendAsync(Http.Api(HttpMethod.Post, "/api/admin/partners", json: new { name = "Acme Retail", plan = "free" }));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/admin/partners/{PartnerId}", response.Headers.Location?.OriginalString);
        Assert.Equal("POST /api/v1/partners", Assert.Single(Core.Requests).Line);
        Assert.Equal("Acme Retail", sent!["name"]!.GetValue<string>());
        Assert.Equal("free", sent["plan"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_issued_key_passes_its_secret_on_once_and_forbids_caching_it()
    {
        using var browser = Factory.CreateBrowser();
        await Factory.SignInAsync(browser, role: "staff");
        var secret = ApiKeyFormat.Generate(ApiKeyKinds.Test);
        JsonNode? sent = null;
        Core.Answer = async context =>
        {
            sent = await JsonNode.ParseAsync(context.Request.Body);
            context.Response.StatusCode = StatusCodes.Status201Created;
            await context.Response.WriteAsJsonAsync(new IssuedApiKeyDto(Key(), secret), Json);
        };

        using var response = await browser.SendAsync(Http.Api(HttpMethod.Post, $"/api/admin/partners/{PartnerId}/keys",
            json: new { name = "Checkout", kind = "test", scopes = new[] { "catalog:read", "orders:write" } }));

        var body = await response.JsonAsync();
        Assert.Equal(secret, body["secret"]!.GetValue<string>());
        Assert.Equal("bp_test_3fK9q2Lm", body["key"]!["displayPrefix"]!.GetValue<string>());
        Assert.True(response.Headers.CacheControl?.NoStore, $"Cache-Control: {response.Headers.CacheControl}");
        Assert.Equal($"POST /api/v1/partners/{PartnerId}/keys", Assert.Single(Core.Requests).Line);
        Assert.Equal(["catalog:read", "orders:write"], sent!["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal("test", sent["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rolling_a_key_sends_the_overlap_and_is_not_cached()
    {
        using var browser = Factory.CreateBrowser();
        await Factory.SignInAsync(browser, role: "staff");
        JsonNode? sent = null;
        Core.Answer = async context =>
        {
            sent = await JsonNode.ParseAsync(context.Request.Body);
            await context.Response.WriteAsJsonAsync(new IssuedApiKeyDto(Key(), ApiKeyFormat.Generate(ApiKeyKinds.Live)), Json);
        };

        using var response = await browser.SendAsync(Http.Api(HttpMethod.Post, $"/api/admin/partners/{PartnerId}/keys/{KeyId}/roll", json: new { overlapHours = 24 }));

        await response.JsonAsync();
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal($"POST /api/v1/partners/{PartnerId}/keys/{KeyId}/roll", Assert.Single(Core.Requests).Line);
        Assert.Equal(24, sent!["overlapHours"]!.GetValue<int>());
    }

    [Fact]
    public async Task Core_apis_validation_problem_reaches_the_spa_with_its_field_errors_at_bff_webs_path()
    {
        using var browser = Factory.CreateBrowser();
        await Factory.SignInAsync(browser, role: "staff");
        Core.Answer = context =>
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "application/problem+json";
            return context.Response.WriteAsync(
                """{"type":"https://bffplatform.dev/errors/validation-failed","title":"The request is not valid.","status":400,"code":"validation_failed","instance":"/api/v1/partners/0f8e4d2c-5a6b-4c3d-9e1f-2a3b4c5d6e7f/keys","errors":{"scopes":["A publishable key may only hold catalog:read."]}}""");
        };

        using var response = await browser.SendAsync(Http.Api(HttpMethod.Post, $"/api/admin/partners/{PartnerId}/keys",
            json: new { name = "Widget", kind = "pub", scopes = new[] { "orders:write" } }));

        var problem = await response.AssertProblemAsync(400, ErrorCodes.ValidationFailed);
        Assert.Equal("A publishable key may only hold catalog:read.", problem["errors"]!["scopes"]![0]!.GetValue<string>());
        Assert.Equal($"/api/admin/partners/{PartnerId}/keys", problem["instance"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_partner_is_core_apis_404()
    {
        using var browser = Factory.CreateBrowser();
        await Factory.SignInAsync(browser, role: "staff");
        Core.Answer = context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.ContentType = "application/problem+json";
            return context.Response.WriteAsync("""{"title":"Partner not found.","status":404,"code":"not_found"}""");
        };

        using var response = await browser.GetApiAsync($"/api/admin/partners/{PartnerId}");

        var problem = await response.AssertProblemAsync(404, ErrorCodes.NotFound);
        Assert.Equal("Partner not found.", problem["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Core_apis_refusal_of_a_staff_token_without_the_scope_passes_on_as_403()
    {
        using var browser = Factory.CreateBrowser();
        await Factory.SignInAsync(browser, role: "staff");
        Core.Answer = context =>
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        };

        using var response = await browser.GetApiAsync("/api/admin/partners");

        await response.AssertProblemAsync(403, ErrorCodes.Forbidden);
    }

    [Fact]
    public async Task Usage_and_audit_queries_reach_core_api_as_asked()
    {
        using var browser = Factory.CreateBrowser();
        await Factory.SignInAsync(browser, role: "staff");
        Core.Answer = context => context.Request.Path.Value!.EndsWith("/usage", StringComparison.Ordinal)
            ? context.Response.WriteAsJsonAsync(new[] { new UsageDayDto(Guid.Parse(KeyId), new DateOnly(2026, 11, 28), 120, 7) }, Json)
            : context.Response.WriteAsJsonAsync(new Page<PartnerAuditEntryDto>([], null), Json);

        using var usage = await browser.GetApiAsync($"/api/admin/partners/{PartnerId}/usage?from=2026-11-01&to=2026-11-30");
        using var audit = await browser.GetApiAsync($"/api/admin/partners/audit?partnerId={PartnerId}&pageSize=20");

        var day = (await usage.JsonAsync())[0]!;
        Assert.Equal("2026-11-28", day["day"]!.GetValue<string>());
        Assert.Equal(120, day["requests"]!.GetValue<long>());
        Assert.Equal(7, day["rejected"]!.GetValue<long>());
        await audit.JsonAsync();
        var lines = Core.Requests.Select(r => r.Line).ToArray();
        Assert.Equal($"GET /api/v1/partners/{PartnerId}/usage?from=2026-11-01&to=2026-11-30", lines[0]);
        Assert.Equal($"GET /api/v1/partners/audit?partnerId={PartnerId}&pageSize=20", lines[1]);
    }

    [Theory]
    [InlineData("/api/admin/partners/" + PartnerId + "/usage?from=yesterday")]
    [InlineData("/api/admin/partners/audit?partnerId=acme")]
    public async Task A_malformed_query_is_400_problem_details_before_core_api(string path)
    {
        using var browser = Factory.CreateBrowser();
        await Factory.SignInAsync(browser, role: "staff");

        using var response = await browser.GetApiAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(Core.Requests);
    }

    private static object? BodyFor(string method) => method switch
    {
        "POST" => new { name = "Acme", plan = "free", kind = "test", scopes = new[] { "catalog:read" }, overlapHours = 0 },
        "PUT" => new { name = "Acme", plan = "free", active = true },
        _ => null,
    };

    private static PartnerDto Partner() =>
        new(Guid.Parse(PartnerId), "Acme Retail", "free", true, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    private static ApiKeyDto Key() =>
        new(Guid.Parse(KeyId), Guid.Parse(PartnerId), "Checkout", ApiKeyKinds.Test, "bp_test_3fK9q2Lm", ["catalog:read", "orders:write"],
            DateTimeOffset.UnixEpoch, null, null, null);
}
