using System.Net;
using BffPlatform.BffWeb.Tests.Infrastructure;
using BffPlatform.Contracts.Common;

namespace BffPlatform.BffWeb.Tests.Authentication;

public sealed class CsrfAndChallengeTests : IDisposable
{
    private readonly BffWebFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("/api/products")]
    [InlineData("/api/cart")]
    [InlineData("/api/sessions")]
    [InlineData("/api/core/products")]
    [InlineData("/bff/user")]
    public async Task Api_calls_without_the_csrf_header_are_401(string path)
    {
        using var browser = _factory.CreateBrowser();
        await _factory.SignInAsync(browser);

        var response = await browser.GetApiAsync(path, csrf: false);

        await response.AssertProblemAsync(401, ErrorCodes.CsrfHeaderMissing);
    }

    [Fact]
    public async Task A_wrong_csrf_header_value_is_refused()
    {
        using var browser = _factory.CreateBrowser();
        var request = new HttpRequestMessage(HttpMethod.Get, "/bff/user");
        request.Headers.Add("X-CSRF", "yes");

        await (await browser.SendAsync(request)).AssertProblemAsync(401, ErrorCodes.CsrfHeaderMissing);
    }

    [Theory]
    [InlineData("GET", "/api/cart")]
    [InlineData("POST", "/api/cart/checkout")]
    [InlineData("GET", "/api/core/products")]
    [InlineData("PUT", "/api/core/products/8a3c5f0e-1111-4a1b-9c1d-2e3f4a5b6c7d")]
    [InlineData("GET", "/bff/user")]
    public async Task Anonymous_api_calls_are_401_problems_never_redirects(string method, string path)
    {
        using var browser = _factory.CreateBrowser();

        var response = await browser.SendAsync(Http.Api(new HttpMethod(method), path));

        Assert.Null(response.Headers.Location);
        await response.AssertProblemAsync(401, ErrorCodes.Unauthorized);
    }

    [Theory]
    [InlineData("/api/nope")]
    [InlineData("/api/products/not-a-guid/extra")]
    [InlineData("/bff/nope")]
    public async Task Unknown_api_and_bff_paths_are_404_problems(string path)
    {
        using var browser = _factory.CreateBrowser();
        await _factory.SignInAsync(browser);
        var request = Http.Api(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html");

        await (await browser.SendAsync(request)).AssertProblemAsync(404, ErrorCodes.NotFound);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("/%0d%0aSet-Cookie:x=1")]
    public async Task Login_refuses_non_local_return_urls(string returnUrl)
    {
        using var browser = _factory.CreateBrowser();

        var response = await browser.GetAsync("/bff/login?returnUrl=" + Uri.EscapeDataString(Uri.UnescapeDataString(returnUrl)));

        Assert.Null(response.Headers.Location);
        await response.AssertProblemAsync(400, ErrorCodes.InvalidReturnUrl);
    }

    [Fact]
    public async Task Login_sends_the_browser_to_identity_with_code_pkce_and_form_post()
    {
        using var browser = _factory.CreateBrowser();

        var response = await browser.GetAsync("/bff/login?returnUrl=/orders");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith(FakeIdentityProvider.Issuer + "connect/authorize", location.AbsoluteUri);
        var query = System.Web.HttpUtility.ParseQueryString(location.Query);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("bff-web", query["client_id"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.False(string.IsNullOrEmpty(query["code_challenge"]));
        Assert.Equal("form_post", query["response_mode"]);
        Assert.Equal("https://localhost/signin-oidc", query["redirect_uri"]);
        // identity names the audience from the core-api scope and refuses a resource that is not an absolute URI.
        Assert.Null(query["resource"]);
        Assert.Contains("core-api", query["scope"]!.Split(' '));
        Assert.Contains("offline_access", query["scope"]!.Split(' '));
        Assert.Contains("orders.write", query["scope"]!.Split(' '));
    }
}
