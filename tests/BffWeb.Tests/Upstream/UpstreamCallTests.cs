using System.Net;
using BffPlatform.BffWeb.Tests.Infrastructure;
using BffPlatform.Contracts.Common;
using Microsoft.AspNetCore.Http;

namespace BffPlatform.BffWeb.Tests.Upstream;

/// <summary>What core-api receives from bff-web: the pass-through's header rules, and no retried writes.</summary>
public sealed class UpstreamCallTests : RecordingCoreTests
{
    [Fact]
    public async Task The_pass_through_strips_cookie_and_csrf_and_sends_the_users_token_instead_of_the_browsers()
    {
        using var browser = Factory.CreateBrowser();
        var (refreshToken, _) = await Factory.SignInAsync(browser);
        var request = Http.Api(HttpMethod.Put, "/api/core/products/8a3c5f0e-1111-4a1b-9c1d-2e3f4a5b6c7d", json: new { name = "x" });
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer from-the-browser");
        request.Headers.TryAddWithoutValidation("If-Match", "\"v1\"");
        Core.Answer = context =>
        {
            context.Response.StatusCode = StatusCodes.Status412PreconditionFailed;
            context.Response.Headers.ETag = "\"v2\"";
            return Task.CompletedTask;
        };

        using var response = await browser.SendAsync(request);

        // core-api's 412 and ETag reach the SPA unchanged.
        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal("\"v2\"", response.Headers.ETag?.ToString());
        var seen = Assert.Single(Core.Requests);
        Assert.Equal("PUT /api/v1/products/8a3c5f0e-1111-4a1b-9c1d-2e3f4a5b6c7d", seen.Line);
        Assert.False(seen.Headers.ContainsKey("Cookie"));
        Assert.False(seen.Headers.ContainsKey("X-CSRF"));
        Assert.Equal("Bearer at-initial-" + refreshToken, seen.Headers["Authorization"]);
        Assert.Equal("\"v1\"", seen.Headers["If-Match"]);
    }

    [Fact]
    public async Task A_shaped_call_sends_the_users_token_and_no_browser_cookie()
    {
        using var browser = Factory.CreateBrowser();
        var (refreshToken, _) = await Factory.SignInAsync(browser);
        Core.Answer = context => context.Response.WriteAsJsonAsync(new { items = Array.Empty<object>(), nextCursor = (string?)null });

        using var response = await browser.GetApiAsync("/api/products?q=red");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = Assert.Single(Core.Requests);
        Assert.StartsWith("GET /api/v1/products?", seen.Line, StringComparison.Ordinal);
        Assert.Contains("q=red", seen.Line, StringComparison.Ordinal);
        Assert.False(seen.Headers.ContainsKey("Cookie"));
        Assert.False(seen.Headers.ContainsKey("X-CSRF"));
        Assert.Equal("Bearer at-initial-" + refreshToken, seen.Headers["Authorization"]);
    }

    [Fact]
    public async Task The_storefront_list_passes_core_apis_page_on_unchanged()
    {
        using var browser = Factory.CreateBrowser();
        await Factory.SignInAsync(browser);
        const string page = """{"items":[{"id":"fc2d2d16-c02e-57b6-95ae-8f3447d9c9d3","name":"Aurora"}],"nextCursor":"abc"}""";
        Core.Answer = context =>
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            return context.Response.WriteAsync(page);
        };

        using var response = await browser.GetApiAsync("/api/products?pageSize=20&category=Audio");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(page, await response.Content.ReadAsStringAsync());
        var seen = Assert.Single(Core.Requests);
        Assert.Contains("pageSize=20", seen.Line, StringComparison.Ordinal);
        Assert.Contains("category=Audio", seen.Line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_storefront_list_passes_core_apis_validation_problem_on()
    {
        using var browser = Factory.CreateBrowser();
        await Factory.SignInAsync(browser);
        Core.Answer = context =>
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "application/problem+json";
            return context.Response.WriteAsync("""{"title":"One or more validation errors occurred.","status":400,"code":"validation_failed","errors":{"pageSize":["Between 1 and 100."]}}""");
        };

        using var response = await browser.GetApiAsync("/api/products?pageSize=0");

        var problem = await response.AssertProblemAsync(400, ErrorCodes.ValidationFailed);
        Assert.NotNull(problem["errors"]?["pageSize"]);
    }

    [Theory]
    [InlineData("text/html", StatusCodes.Status200OK, StatusCodes.Status502BadGateway)]
    [InlineData("application/json", StatusCodes.Status201Created, StatusCodes.Status502BadGateway)]
    // The list is passed on unread: a 200 that claims JSON and is not must not reach the SPA.
    [InlineData("application/json", StatusCodes.Status200OK, StatusCodes.Status502BadGateway)]
    public async Task The_storefront_list_never_passes_on_a_success_that_is_not_a_json_page(string contentType, int coreStatus, int expected)
    {
        using var browser = Factory.CreateBrowser();
        await Factory.SignInAsync(browser);
        Core.Answer = context =>
        {
            context.Response.StatusCode = coreStatus;
            context.Response.ContentType = contentType;
            return context.Response.WriteAsync("<html>not a page</html>");
        };

        using var response = await browser.GetApiAsync("/api/products");

        var problem = await response.AssertProblemAsync(expected, ErrorCodes.UpstreamInvalidResponse);
        Assert.DoesNotContain("not a page", problem.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(StatusCodes.Status503ServiceUnavailable)]
    [InlineData(StatusCodes.Status500InternalServerError)]
    [InlineData(StatusCodes.Status502BadGateway)]
    public async Task A_failed_write_is_not_retried_and_answers_503(int status)
    {
        using var browser = Factory.CreateBrowser();
        await Factory.SignInAsync(browser);
        Core.Answer = context =>
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        };
        var request = Http.Api(HttpMethod.Post, "/api/cart/checkout");
        request.Headers.Add("Idempotency-Key", "checkout-1");

        using var response = await browser.SendAsync(request);

        await response.AssertProblemAsync(503, ErrorCodes.UpstreamUnavailable);
        var seen = Assert.Single(Core.Requests);
        Assert.Equal("POST /api/v1/cart/checkout", seen.Line);
        Assert.Equal("checkout-1", seen.Headers["Idempotency-Key"]);
    }

    [Fact]
    public async Task A_read_core_api_fails_is_retried_on_the_apps_clock_then_answered_503()
    {
        using var browser = Factory.CreateBrowser();
        await Factory.SignInAsync(browser);
        Core.Answer = context =>
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return Task.CompletedTask;
        };

        // The retry back-off waits on bff-web's TimeProvider (the factory's fake clock): move it
        // on until the answer comes. Without the clock moving the call would wait for ever —
        // which is what an earlier test of this path mistook for a hang.
        var pending = browser.GetApiAsync("/api/products/categories");
        for (var step = 0; !pending.IsCompleted && step < 2_000; step++)
        {
            Factory.Time.Advance(TimeSpan.FromMilliseconds(200));
            await Task.Delay(5);
        }
        using var response = await pending;

        await response.AssertProblemAsync(503, ErrorCodes.UpstreamUnavailable);
        // One try and two retries (CoreApi:MaxRetries), all reads.
        Assert.Equal(3, Core.Requests.Count);
        Assert.All(Core.Requests, r => Assert.StartsWith("GET /api/v1/products/categories", r.Line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Repeated_transport_failures_open_the_pass_throughs_breaker()
    {
        using var browser = Factory.CreateBrowser();
        await Factory.SignInAsync(browser);
        // core-api drops every connection: a transport failure, not an HTTP answer.
        Core.Answer = context =>
        {
            context.Abort();
            return Task.CompletedTask;
        };
        for (var i = 0; i < 12; i++)
        {
            await (await browser.GetApiAsync("/api/core/products")).AssertProblemAsync(503, ErrorCodes.UpstreamUnavailable);
        }
        var reached = Core.Requests.Count;
        Assert.InRange(reached, 10, 12);

        // Open: calls fail fast without reaching core-api.
        var problem = await (await browser.GetApiAsync("/api/core/products")).AssertProblemAsync(503, ErrorCodes.UpstreamUnavailable);
        Assert.Contains("paused", problem["detail"]?.GetValue<string>());
        Assert.Equal(reached, Core.Requests.Count);
    }
}
