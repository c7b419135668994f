using System.Net;
using BffPlatform.BffWeb.Tests.Infrastructure;
using BffPlatform.Contracts.Common;

namespace BffPlatform.BffWeb.Tests;

/// <summary>
/// Every error is Problem Details with the right status whatever the client accepts; pages keep
/// the SPA's strict CSP while API answers get the platform's API policy.
/// </summary>
public sealed class ErrorsAndHeadersTests : IDisposable
{
    private readonly BffWebFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    public static TheoryData<string> Accepts() => ["text/html", "application/xml", "image/png", "*/*", "", "text/html,application/xhtml+xml;q=0.9"];

    private static HttpRequestMessage Request(HttpMethod method, string path, string accept, HttpContent? content = null)
    {
        var request = Http.Api(method, path);
        request.Content = content;
        if (accept.Length > 0) request.Headers.TryAddWithoutValidation("Accept", accept);
        return request;
    }

    [Theory]
    [MemberData(nameof(Accepts))]
    public async Task Errors_are_problem_details_with_the_right_status_for_any_accept(string accept)
    {
        using var anonymous = _factory.CreateBrowser();
        await (await anonymous.SendAsync(Request(HttpMethod.Get, "/api/cart", accept))).AssertProblemAsync(401, ErrorCodes.Unauthorized);

        using var browser = _factory.CreateBrowser();
        await _factory.SignInAsync(browser);
        await (await browser.SendAsync(Request(HttpMethod.Get, "/api/nope", accept))).AssertProblemAsync(404, ErrorCodes.NotFound);
        await (await browser.SendAsync(Request(HttpMethod.Get, "/bff/nope", accept))).AssertProblemAsync(404, ErrorCodes.NotFound);
        // A known route with the wrong method or body type: 405 and 415, not the catch-all's 404.
        await (await browser.SendAsync(Request(HttpMethod.Get, "/api/cart/checkout", accept))).AssertProblemAsync(405, ErrorCodes.MethodNotAllowed);
        await (await browser.SendAsync(Request(HttpMethod.Post, "/api/cart/items", accept, new StringContent("quantity=1", System.Text.Encoding.UTF8, "text/plain"))))
            .AssertProblemAsync(415, ErrorCodes.UnsupportedMediaType);
        // A static file that is not there.
        using var missing = new HttpRequestMessage(HttpMethod.Get, "/assets/missing-abc123.js");
        if (accept.Length > 0) missing.Headers.TryAddWithoutValidation("Accept", accept);
        await (await browser.SendAsync(missing)).AssertProblemAsync(404, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task A_url_over_the_limit_is_414_problem()
    {
        using var browser = _factory.CreateBrowser();
        var response = await browser.SendAsync(Request(HttpMethod.Get, "/api/products?q=" + new string('a', 9000), "text/html"));
        await response.AssertProblemAsync(414, ErrorCodes.UriTooLong);
    }

    [Fact]
    public async Task Pages_keep_the_spas_strict_policy()
    {
        using var browser = _factory.CreateBrowser();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Accept.ParseAdd("text/html");

        var page = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var identity = new Uri(FakeIdentityProvider.Issuer).GetLeftPart(UriPartial.Authority);
        Assert.Equal(
            $"default-src 'self'; connect-src 'self'; form-action 'self' {identity}; frame-ancestors 'none'; " +
            "object-src 'none'; base-uri 'self'; img-src 'self' data:; style-src 'self'",
            string.Join(",", page.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("same-origin", string.Join(",", page.Headers.GetValues("Cross-Origin-Opener-Policy")));
        Assert.Equal("DENY", string.Join(",", page.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("nosniff", string.Join(",", page.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", string.Join(",", page.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task Api_answers_get_the_api_policy()
    {
        using var browser = _factory.CreateBrowser();
        await _factory.SignInAsync(browser);

        var user = await browser.GetApiAsync("/bff/user");

        Assert.Equal(HttpStatusCode.OK, user.StatusCode);
        Assert.Equal("default-src 'none'; frame-ancestors 'none'", string.Join(",", user.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", string.Join(",", user.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", string.Join(",", user.Headers.GetValues("Referrer-Policy")));
    }
}
