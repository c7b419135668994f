using System.Net;
using System.Text.RegularExpressions;

namespace BffPlatform.Testing.Web;

/// <summary>
/// An HttpClient that keeps cookies like a browser on 127.0.0.1 (Secure cookies sent over http,
/// as Chromium does for loopback; cookies shared across ports) and follows redirects one hop at
/// a time so every hop's cookies are seen. CookieContainer alone never sends Secure cookies over
/// http, which breaks the OIDC correlation and nonce cookies.
/// </summary>
public sealed partial class TestBrowser : IDisposable
{
    private const int MaxRedirects = 10;
    private readonly CookieContainer _cookies = new();
    private readonly HttpClient _http;

    public TestBrowser()
    {
        var network = new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false };
        _http = new HttpClient(new CookieJarHandler(_cookies) { InnerHandler = network }) { Timeout = TimeSpan.FromSeconds(30) };
    }

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => _http.SendAsync(request);

    /// <summary>A navigation (link, redirect, address bar): GET with the Accept header browsers send.</summary>
    public Task<HttpResponseMessage> GetAsync(string url) => NavigateAsync(new Uri(url));

    private Task<HttpResponseMessage> NavigateAsync(Uri url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");
        return _http.SendAsync(request);
    }

    /// <summary>A call the SPA would make: with <c>X-CSRF: 1</c> unless told otherwise.</summary>
    public Task<HttpResponseMessage> ApiAsync(HttpMethod method, string url, bool csrf = true, IReadOnlyDictionary<string, string>? headers = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (csrf) request.Headers.Add("X-CSRF", "1");
        foreach (var (name, value) in headers ?? new Dictionary<string, string>()) request.Headers.TryAddWithoutValidation(name, value);
        return _http.SendAsync(request);
    }

    /// <summary>Follows redirects from <paramref name="response"/> (GET, as browsers do after 302/303).</summary>
    public async Task<HttpResponseMessage> FollowAsync(HttpResponseMessage response)
    {
        for (var hop = 0; IsRedirect(response.StatusCode); hop++)
        {
            Assert.True(hop < MaxRedirects, "Too many redirects.");
            var next = new Uri(response.RequestMessage!.RequestUri!, response.Headers.Location!);
            response.Dispose();
            response = await NavigateAsync(next);
        }
        return response;
    }

    /// <summary>
    /// The real sign-in: /bff/login → identity's authorize → its sign-in page (antiforgery token,
    /// e-mail, password) → authorize again → the form_post page → POST to bff-web's /signin-oidc.
    /// Returns bff-web's answer to that POST (a redirect to <paramref name="returnUrl"/> with the session cookie).
    /// </summary>
    public async Task<HttpResponseMessage> SignInAsync(string bffUrl, string email, string password, string returnUrl = "/")
    {
        using var authorized = await SubmitCredentialsAsync(bffUrl, email, password, returnUrl);
        var formPost = ReadForm(await ExpectHtmlAsync(authorized, "identity's form_post answer"), authorized.RequestMessage!.RequestUri!);
        Assert.Equal(bffUrl + "/signin-oidc", formPost.Action.GetLeftPart(UriPartial.Path));
        Assert.Contains("code", formPost.Fields.Keys);

        return await _http.PostAsync(formPost.Action, new FormUrlEncodedContent(formPost.Fields));
    }

    /// <summary>/bff/login, then identity's sign-in form filled in and posted; returns identity's final page.</summary>
    public async Task<HttpResponseMessage> SubmitCredentialsAsync(string bffUrl, string email, string password, string returnUrl = "/")
    {
        using var loginPage = await FollowAsync(await GetAsync($"{bffUrl}/bff/login?returnUrl={Uri.EscapeDataString(returnUrl)}"));
        var form = ReadForm(await ExpectHtmlAsync(loginPage, "identity's sign-in page"), loginPage.RequestMessage!.RequestUri!);
        Assert.Contains("Email", form.Fields.Keys);
        Assert.Contains("Password", form.Fields.Keys);
        form.Fields["Email"] = email;
        form.Fields["Password"] = password;
        return await FollowAsync(await _http.PostAsync(form.Action, new FormUrlEncodedContent(form.Fields)));
    }

    /// <summary>Signs in and returns the value of bff-web's session cookie.</summary>
    public async Task<string> SignInSessionAsync(string bffUrl, string email, string password)
    {
        using var response = await SignInAsync(bffUrl, email, password);
        Assert.True(response.StatusCode == HttpStatusCode.Found, $"Sign-in ended with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return SessionCookieValue(response) ?? throw new InvalidOperationException("bff-web set no session cookie.");
    }

    /// <summary>The value of the <c>__Host-bff</c> cookie set by <paramref name="response"/>, if any.</summary>
    public static string? SessionCookieValue(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.Where(v => v.StartsWith("__Host-bff=", StringComparison.Ordinal)).Select(v => v.Split(';')[0]["__Host-bff=".Length..]).LastOrDefault()
            : null;

    /// <summary>Puts a cookie into the jar by hand (e.g. an old session cookie after logout).</summary>
    public void SetCookie(string url, string name, string value) => _cookies.Add(Secure(new Uri(url)), new Cookie(name, value, "/"));

    private static async Task<string> ExpectHtmlAsync(HttpResponseMessage response, string what)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected {what}, got {(int)response.StatusCode} from {response.RequestMessage?.RequestUri}: {body}");
        return body;
    }

    private sealed record HtmlForm(Uri Action, Dictionary<string, string> Fields);

    /// <summary>The first form of a page: its action (resolved against the page) and its named inputs.</summary>
    private static HtmlForm ReadForm(string html, Uri page)
    {
        var form = FormTag().Match(html);
        Assert.True(form.Success, "No form on the page: " + html);
        var action = new Uri(page, WebUtility.HtmlDecode(form.Groups["action"].Value));
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match input in InputTag().Matches(html))
        {
            var name = AttributeValue(input.Value, "name");
            if (name is not null)
            {
                fields[WebUtility.HtmlDecode(name)] = WebUtility.HtmlDecode(AttributeValue(input.Value, "value") ?? "");
            }
        }
        return new HtmlForm(action, fields);
    }

    private static string? AttributeValue(string tag, string attribute)
    {
        var match = Regex.Match(tag, $"""\s{attribute}\s*=\s*["'](?<v>[^"']*)["']""", RegexOptions.IgnoreCase);
        return match.Success ? match.Groups["v"].Value : null;
    }

    [GeneratedRegex("""<form[^>]*\saction\s*=\s*["'](?<action>[^"']*)["']""", RegexOptions.IgnoreCase)]
    private static partial Regex FormTag();

    [GeneratedRegex("<input[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InputTag();

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.MovedPermanently
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    /// <summary>The jar sees every URL as https, so it stores and sends Secure cookies on loopback http too.</summary>
    private static Uri Secure(Uri uri) => new UriBuilder(uri) { Scheme = Uri.UriSchemeHttps, Port = uri.Port }.Uri;

    public void Dispose() => _http.Dispose();

    private sealed class CookieJarHandler(CookieContainer cookies) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = Secure(request.RequestUri!);
            var header = cookies.GetCookieHeader(uri);
            request.Headers.Remove("Cookie");
            if (header.Length > 0)
            {
                request.Headers.TryAddWithoutValidation("Cookie", header);
            }
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                foreach (var setCookie in setCookies)
                {
                    cookies.SetCookies(uri, setCookie);
                }
            }
            return response;
        }
    }
}
