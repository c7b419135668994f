using System.Net;
using BffPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BffPlatform.ServiceDefaults.Tests;

/// <summary>The platform's headers policy per kind of answer, HSTS by environment, and no Server header.</summary>
public sealed class SecurityHeadersTests(TestApp app) : IClassFixture<TestApp>
{
    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";

    private static async Task<HttpClient> HttpsClientAsync(string environment, Action<WebApplication>? map = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.AddServiceDefaults();
        var web = builder.Build();
        web.UseServiceDefaults();
        web.MapGet("/json", () => TypedResults.Ok(new { ok = true }));
        web.MapGet("/page", () => TypedResults.Content("<!doctype html><p>hi</p>", "text/html; charset=utf-8"));
        map?.Invoke(web);
        await web.StartAsync();
        var client = web.GetTestClient();
        client.BaseAddress = new Uri("https://api.example.test/");
        return client;
    }

    [Fact]
    public async Task Json_and_problem_answers_get_the_api_policy_on_a_real_socket_without_a_server_header()
    {
        foreach (var response in new[] { await app.Client.GetAsync("/health/live"), await app.Client.GetAsync("/nothing/here"), await app.Client.GetAsync("/boom") })
        {
            Assert.Equal("default-src 'none'; frame-ancestors 'none'", Header(response, "Content-Security-Policy"));
            Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
            Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
            Assert.Equal("", Header(response, "X-Frame-Options"));
            Assert.False(response.Headers.Contains("Server"));
        }
    }

    [Fact]
    public async Task Pages_get_the_page_policy_and_deny_framing()
    {
        using var client = await HttpsClientAsync(Environments.Production);
        var page = await client.GetAsync("/page");
        Assert.Equal(SecurityHeadersOptions.DefaultPagePolicy, Header(page, "Content-Security-Policy"));
        Assert.Equal("DENY", Header(page, "X-Frame-Options"));
        Assert.Equal("nosniff", Header(page, "X-Content-Type-Options"));
    }

    [Fact]
    public async Task A_page_that_sets_its_own_policy_keeps_it()
    {
        using var client = await HttpsClientAsync(Environments.Production, web => web.MapGet("/own", (HttpContext http) =>
        {
            http.Response.Headers.ContentSecurityPolicy = "default-src 'none'";
            return TypedResults.Content("<p>own</p>", "text/html");
        }));
        Assert.Equal("default-src 'none'", Header(await client.GetAsync("/own"), "Content-Security-Policy"));
    }

    [Fact]
    public async Task Hsts_is_sent_on_https_outside_development_only()
    {
        using var production = await HttpsClientAsync(Environments.Production);
        Assert.Equal("max-age=31536000; includeSubDomains", Header(await production.GetAsync("/json"), "Strict-Transport-Security"));

        using var development = await HttpsClientAsync(Environments.Development);
        Assert.Equal("", Header(await development.GetAsync("/json"), "Strict-Transport-Security"));
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("image/png")]
    [InlineData("")]
    public async Task A_url_over_the_limit_is_414_problem_on_a_real_socket(string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live?q=" + new string('a', 9000));
        if (accept.Length > 0) request.Headers.TryAddWithoutValidation("Accept", accept);
        var response = await app.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_url_just_under_the_limit_is_answered()
    {
        var response = await app.Client.GetAsync("/health/live?q=" + new string('a', 8000));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
