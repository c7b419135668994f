using System.Net;
using System.Text.RegularExpressions;

namespace BffPlatform.ScaledOut.Tests.Identity;

/// <summary>
/// A browser in front of a load balancer that sends each request wherever the test says: one cookie
/// jar for every instance (cookies ignore ports; Secure ones are sent over loopback http, as
/// Chromium does), redirects not followed, so each hop can go to another instance.
/// </summary>
public sealed partial class Browser : IDisposable
{
    private readonly CookieContainer _cookies = new();
    private readonly HttpClient _http;

    public Browser() => _http = new HttpClient(new CookieJar(_cookies) { InnerHandler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false } });

    public Task<HttpResponseMessage> GetAsync(string url) => _http.GetAsync(url);

    /// <summary>Reads the sign-in form at <paramref name="loginUrl"/> and posts it, with these credentials, to <paramref name="postTo"/>.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string loginUrl, string postTo, string email, string password)
    {
        var page = await _http.GetStringAsync(loginUrl);
        var fields = HiddenField().Matches(page).ToDictionary(m => m.Groups["name"].Value, m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        Assert.Contains("__RequestVerificationToken", fields.Keys);
        fields["Email"] = email;
        fields["Password"] = password;
        return await _http.PostAsync(postTo, new FormUrlEncodedContent(fields));
    }

    public static Uri Location(HttpResponseMessage response, string baseUrl)
    {
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther,
            $"expected a redirect, got {(int)response.StatusCode}: {response.Content.ReadAsStringAsync().Result}");
        var location = response.Headers.Location!;
        return location.IsAbsoluteUri ? location : new Uri(new Uri(baseUrl), location);
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenField();

    private sealed class CookieJar(CookieContainer cookies) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = new UriBuilder(request.RequestUri!) { Scheme = Uri.UriSchemeHttps, Port = request.RequestUri!.Port }.Uri;
            var header = cookies.GetCookieHeader(uri);
            if (header.Length > 0) request.Headers.TryAddWithoutValidation("Cookie", header);
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                foreach (var setCookie in setCookies) cookies.SetCookies(uri, setCookie);
            }
            return response;
        }
    }
}

/// <summary>The load balancer's name resolved to one instance: requests for <see cref="IdentityPair.IssuerHost"/> go to <paramref name="instanceUrl"/>.</summary>
public sealed class ToInstance(string instanceUrl) : DelegatingHandler(new HttpClientHandler())
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri!.Host == IdentityPair.IssuerHost)
        {
            var instance = new Uri(instanceUrl);
            request.RequestUri = new UriBuilder(request.RequestUri) { Host = instance.Host, Port = instance.Port }.Uri;
        }
        return base.SendAsync(request, cancellationToken);
    }
}
