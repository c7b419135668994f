using System.Net;
using System.Text.RegularExpressions;

namespace BffPlatform.Faults.Tests.Infrastructure;

/// <summary>
/// A user signed in to bff-web through identity's real form, without a browser (cookies kept the
/// way Chromium keeps them on loopback: Secure ones over http too). What remains is the value of
/// bff-web's <c>__Host-bff</c> session cookie, which the tests replay as the browser would.
/// </summary>
public static partial class WebSignIn
{
    public const string SessionCookie = "__Host-bff";

    public static async Task<string> SessionCookieAsync(string bffUrl, string email, string password)
    {
        var jar = new CookieContainer();
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };

        var page = await FollowAsync(http, jar, new Uri($"{bffUrl}/bff/login?returnUrl=%2F"), null);
        var form = ReadForm(page.Body, page.Url);
        form.Fields["Email"] = email;
        form.Fields["Password"] = password;
        var authorized = await FollowAsync(http, jar, form.Action, new FormUrlEncodedContent(form.Fields));
        var formPost = ReadForm(authorized.Body, authorized.Url);
        Assert.True(formPost.Fields.ContainsKey("code"), "identity did not answer with the form_post page: " + authorized.Body);
        using var callback = await SendAsync(http, jar, new HttpRequestMessage(HttpMethod.Post, formPost.Action) { Content = new FormUrlEncodedContent(formPost.Fields) });
        Assert.Equal(HttpStatusCode.Found, callback.StatusCode);
        return jar.GetCookies(Secure(new Uri(bffUrl)))[SessionCookie]?.Value ?? throw new InvalidOperationException("bff-web set no session cookie.");
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, CookieContainer jar, HttpRequestMessage request)
    {
        var uri = Secure(request.RequestUri!);
        if (jar.GetCookieHeader(uri) is { Length: > 0 } header) request.Headers.TryAddWithoutValidation("Cookie", header);
        var response = await http.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var setCookie in setCookies) jar.SetCookies(uri, setCookie);
        }
        return response;
    }

    private static async Task<(Uri Url, string Body)> FollowAsync(HttpClient http, CookieContainer jar, Uri url, HttpContent? content)
    {
        var response = await SendAsync(http, jar, new HttpRequestMessage(content is null ? HttpMethod.Get : HttpMethod.Post, url) { Content = content });
        for (var hops = 0; (int)response.StatusCode is 301 or 302 or 303 or 307 or 308; hops++)
        {
            Assert.True(hops < 10, "Too many redirects.");
            url = new Uri(url, response.Headers.Location!);
            response.Dispose();
            response = await SendAsync(http, jar, new HttpRequestMessage(HttpMethod.Get, url));
        }
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} from {url}: {body}");
            return (url, body);
        }
    }

    // Loopback http is a secure context for browsers: key the jar by https so Secure cookies go back.
    private static Uri Secure(Uri uri) => new UriBuilder(uri) { Scheme = Uri.UriSchemeHttps, Port = uri.Port }.Uri;

    private static (Uri Action, Dictionary<string, string> Fields) ReadForm(string html, Uri page)
    {
        var action = FormAction().Match(html);
        Assert.True(action.Success, "No form on the page: " + html);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match input in Input().Matches(html))
        {
            var name = NameAttribute().Match(input.Value);
            var value = ValueAttribute().Match(input.Value);
            if (name.Success) fields[WebUtility.HtmlDecode(name.Groups["v"].Value)] = WebUtility.HtmlDecode(value.Success ? value.Groups["v"].Value : "");
        }
        return (new Uri(page, WebUtility.HtmlDecode(action.Groups["a"].Value)), fields);
    }

    [GeneratedRegex("""<form[^>]*\saction\s*=\s*["'](?<a>[^"']*)["']""", RegexOptions.IgnoreCase)]
    private static partial Regex FormAction();

    [GeneratedRegex("<input[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Input();

    [GeneratedRegex("""\sname\s*=\s*["'](?<v>[^"']*)["']""", RegexOptions.IgnoreCase)]
    private static partial Regex NameAttribute();

    [GeneratedRegex("""\svalue\s*=\s*["'](?<v>[^"']*)["']""", RegexOptions.IgnoreCase)]
    private static partial Regex ValueAttribute();
}
