using System.Net;
using BffPlatform.BffWeb.Authentication;
using BffPlatform.BffWeb.Tests.Infrastructure;
using BffPlatform.ServiceDefaults.Http;
using BffPlatform.Testing.Http;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BffPlatform.BffWeb.Tests;

/// <summary>The platform's local-URL rule (ServiceDefaults) and /bff/login, over the shared list of variants.</summary>
public sealed class LocalUrlTests : IDisposable
{
    private readonly BffWebFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public void The_rule_refuses_every_unsafe_variant()
    {
        var passed = LocalUrlCases.Unsafe.Where(url => LocalUrl.IsSafe(url) || LocalUrl.Normalize(url) is not null).Select(LocalUrlCases.Show).ToList();

        Assert.Empty(passed);
    }

    [Fact]
    public void The_rule_passes_local_paths_encoded_for_a_location_header()
    {
        foreach (var (url, location) in LocalUrlCases.Safe)
        {
            Assert.True(LocalUrl.IsSafe(url), LocalUrlCases.Show(url));
            var normalized = LocalUrl.Normalize(url);
            Assert.Equal(location, normalized);
            Assert.True(normalized!.All(char.IsAscii), normalized);
            // Normalizing again changes nothing: the encoded form is itself safe.
            Assert.Equal(normalized, LocalUrl.Normalize(normalized));
        }
    }

    [Fact]
    public void Longer_urls_pass_only_when_the_caller_allows_them()
    {
        var url = "/" + new string('a', LocalUrl.MaxLength);

        Assert.False(LocalUrl.IsSafe(url));
        Assert.True(LocalUrl.IsSafe(url, maxLength: LocalUrl.MaxLength + 1));
    }

    [Fact]
    public async Task Login_refuses_every_unsafe_return_url()
    {
        using var browser = _factory.CreateBrowser();
        var wrong = new List<string>();
        // An empty returnUrl is the default ("/"), not a return URL: it is left out here.
        foreach (var url in LocalUrlCases.Unsafe.Where(u => u.Length > 0))
        {
            using var response = await browser.GetAsync("/bff/login?returnUrl=" + Uri.EscapeDataString(url));
            // The overlong case is refused before /bff/login reads it: its URL is over the request-target limit (414).
            if (response.StatusCode is not (HttpStatusCode.BadRequest or HttpStatusCode.RequestUriTooLong) || response.Headers.Location is not null)
            {
                wrong.Add($"{LocalUrlCases.Show(url)}: {(int)response.StatusCode}");
            }
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task Login_keeps_a_local_return_url_in_its_encoded_form_for_after_sign_in()
    {
        using var browser = _factory.CreateBrowser();
        var state = _factory.Services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(AuthSchemes.Oidc).StateDataFormat;
        foreach (var (url, location) in LocalUrlCases.Safe)
        {
            using var response = await browser.GetAsync("/bff/login?returnUrl=" + Uri.EscapeDataString(url));

            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{LocalUrlCases.Show(url)}: {(int)response.StatusCode}");
            var query = System.Web.HttpUtility.ParseQueryString(response.Headers.Location!.Query);
            Assert.Equal(location, state.Unprotect(query["state"])!.RedirectUri);
        }
    }
}
