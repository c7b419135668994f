using BffPlatform.BffWeb.Tests.Infrastructure;
using BffPlatform.Contracts.Common;

namespace BffPlatform.BffWeb.Tests;

/// <summary>bff-web's staff routes refuse anyone but staff before core-api is asked (issue 10 #11).</summary>
public sealed class AdminAuthorizationTests : IDisposable
{
    private const string OrderId = "8a3c5f0e-1111-4a1b-9c1d-2e3f4a5b6c7d";
    private readonly BffWebFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    public static TheoryData<string, string> StaffRoutes => new()
    {
        { "GET", "/api/admin/orders" },
        { "GET", "/api/admin/orders?customerId=alice" },
        { "GET", $"/api/admin/orders/{OrderId}" },
        { "POST", $"/api/admin/orders/{OrderId}/status" },
    };

    [Theory]
    [MemberData(nameof(StaffRoutes))]
    public async Task A_customer_session_is_refused_with_403_problem_details(string method, string path)
    {
        using var browser = _factory.CreateBrowser();
        await _factory.SignInAsync(browser, role: "customer");

        var response = await browser.SendAsync(Http.Api(new HttpMethod(method), path, json: method == "POST" ? new { status = "Shipped" } : null));

        await response.AssertProblemAsync(403, ErrorCodes.Forbidden);
    }

    [Theory]
    [MemberData(nameof(StaffRoutes))]
    public async Task Without_a_session_they_stay_401(string method, string path)
    {
        using var browser = _factory.CreateBrowser();

        var response = await browser.SendAsync(Http.Api(new HttpMethod(method), path, json: method == "POST" ? new { status = "Shipped" } : null));

        await response.AssertProblemAsync(401, ErrorCodes.Unauthorized);
    }

    [Fact]
    public async Task A_staff_session_gets_through_to_core_api()
    {
        using var browser = _factory.CreateBrowser();
        await _factory.SignInAsync(browser, role: "staff");

        // A write is never retried, so the answer comes without moving the factory's clock.
        var response = await browser.SendAsync(Http.Api(HttpMethod.Post, $"/api/admin/orders/{OrderId}/status", json: new { status = "Shipped" }));

        // The factory's core-api is down: getting as far as calling it is getting past authorization.
        await response.AssertProblemAsync(503, ErrorCodes.UpstreamUnavailable);
    }
}
