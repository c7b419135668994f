using System.Net;
using BffPlatform.Identity.Tests.Infrastructure;
using BffPlatform.Testing.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BffPlatform.Identity.Tests;

/// <summary>identity's sign-in page and its redirect after sign-in, over the platform's shared list of return-URL variants.</summary>
public sealed class ReturnUrlTests(ReturnUrlTests.CheapHashing shared) : IClassFixture<ReturnUrlTests.CheapHashing>
{
    /// <summary>One identity whose password hashes take one iteration: these tests sign in a few hundred times.</summary>
    public sealed class CheapHashing : IDisposable
    {
        public IdentityFactory Identity { get; } = new()
        {
            ConfigureServices = services => services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1),
        };

        public void Dispose() => Identity.Dispose();
    }

    [Fact]
    public async Task Every_unsafe_return_url_becomes_the_root_on_the_page_and_after_sign_in()
    {
        using var browser = shared.Identity.CreateBrowser();
        var wrong = new List<string>();
        foreach (var url in LocalUrlCases.Unsafe)
        {
            var (page, status, location) = await SignInWithAsync(browser, url);
            // A form value with a NUL never reaches the endpoint: refused with 400 and no redirect, which is as safe.
            var refused = status == HttpStatusCode.BadRequest && location is null;
            if (page != "/" || !(refused || (status == HttpStatusCode.Redirect && location == "/")))
            {
                wrong.Add($"{LocalUrlCases.Show(url)}: page {LocalUrlCases.Show(page)}, {(int)status} Location {LocalUrlCases.Show(location ?? "(none)")}");
            }
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task A_local_return_url_is_followed_in_its_encoded_ascii_form()
    {
        using var browser = shared.Identity.CreateBrowser();
        foreach (var (url, expected) in LocalUrlCases.Safe)
        {
            var (page, status, location) = await SignInWithAsync(browser, url);

            Assert.Equal(HttpStatusCode.Redirect, status);
            Assert.Equal(expected, page);
            Assert.Equal(expected, location);
        }
    }

    [Fact]
    public async Task The_tab_redirect_from_the_review_lands_on_the_root()
    {
        using var browser = shared.Identity.CreateBrowser();
        var fields = await OAuth.ReadSignInFormAsync(browser, "/account/login?returnUrl=/%09/evil.example");
        Assert.Equal("/", fields["ReturnUrl"]);
        fields["ReturnUrl"] = "/\t/evil.example";
        fields["Email"] = OAuth.AliceEmail;
        fields["Password"] = OAuth.AlicePassword;

        var response = await browser.PostAsync("/account/login", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", Assert.Single(response.Headers.GetValues("Location")));
    }

    /// <summary>The return URL the sign-in page carries for <paramref name="url"/>, and the answer to signing in with it.</summary>
    private static async Task<(string Page, HttpStatusCode Status, string? Location)> SignInWithAsync(HttpClient browser, string url)
    {
        var loginUrl = "/account/login?returnUrl=" + Uri.EscapeDataString(url);
        // A URL over the request-target limit is refused (414 Problem Details) before the page reads
        // it; the form post below still carries the return URL in its body.
        using var probe = await browser.GetAsync(loginUrl);
        var tooLong = probe.StatusCode == HttpStatusCode.RequestUriTooLong;
        var fields = await OAuth.ReadSignInFormAsync(browser, tooLong ? "/account/login" : loginUrl);
        var page = fields["ReturnUrl"];
        fields["ReturnUrl"] = url;
        fields["Email"] = OAuth.AliceEmail;
        fields["Password"] = OAuth.AlicePassword;
        var response = await browser.PostAsync("/account/login", new FormUrlEncodedContent(fields));
        return (page, response.StatusCode, response.Headers.TryGetValues("Location", out var location) ? location.Single() : null);
    }
}
