using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

// Usage: SignIn <bff-web url> <identity url> <email> <password>
// Prints "COOKIE=<__Host-bff value>" (a signed-in bff-web session, checked with /bff/user) and
// "BEARER=<access token>" (internal-tools client credentials, catalog.read) for calling core-api directly.
if (args.Length != 4)
{
    Console.Error.WriteLine("usage: SignIn <bff-web url> <identity url> <email> <password>");
    return 2;
}
var (bff, identity, email, password) = (args[0].TrimEnd('/'), args[1].TrimEnd('/'), args[2], args[3]);

// The OIDC correlation/nonce cookies are Secure and CookieContainer never sends Secure cookies over
// http: keep the jar keyed by https URLs, as a browser treats loopback http as secure.
var jar = new CookieContainer();
using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };

var page = await Follow(new Uri($"{bff}/bff/login?returnUrl=%2F"));
var form = ReadForm(page.Body, page.Url);
form.Fields["Email"] = email;
form.Fields["Password"] = password;
var authorized = await Follow(form.Action, new FormUrlEncodedContent(form.Fields));
var formPost = ReadForm(authorized.Body, authorized.Url);
if (!formPost.Fields.ContainsKey("code"))
{
    Console.Error.WriteLine("identity did not answer with the form_post page (wrong credentials?):\n" + authorized.Body);
    return 1;
}
var callback = await Send(new HttpRequestMessage(HttpMethod.Post, formPost.Action) { Content = new FormUrlEncodedContent(formPost.Fields) });
var cookie = jar.GetCookies(Secure(new Uri(bff)))["__Host-bff"]?.Value;
if (callback.StatusCode != HttpStatusCode.Found || cookie is null)
{
    Console.Error.WriteLine($"bff-web's /signin-oidc answered {(int)callback.StatusCode} without a session cookie.");
    return 1;
}
var user = new HttpRequestMessage(HttpMethod.Get, $"{bff}/bff/user");
user.Headers.Add("X-CSRF", "1");
if ((await Send(user)).StatusCode != HttpStatusCode.OK)
{
    Console.Error.WriteLine("The new session does not work at /bff/user.");
    return 1;
}

var token = await http.PostAsync($"{identity}/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
{
    ["grant_type"] = "client_credentials",
    ["client_id"] = "internal-tools",
    ["client_secret"] = "internal-tools-dev-secret",
    ["scope"] = "core-api catalog.read",
}));
var tokenBody = await token.Content.ReadAsStringAsync();
if (!token.IsSuccessStatusCode)
{
    Console.Error.WriteLine("Client credentials refused: " + tokenBody);
    return 1;
}
Console.WriteLine("COOKIE=" + cookie);
Console.WriteLine("BEARER=" + JsonDocument.Parse(tokenBody).RootElement.GetProperty("access_token").GetString());
return 0;

async Task<HttpResponseMessage> Send(HttpRequestMessage request)
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

async Task<(Uri Url, string Body)> Follow(Uri url, HttpContent? content = null)
{
    var response = await Send(new HttpRequestMessage(content is null ? HttpMethod.Get : HttpMethod.Post, url) { Content = content });
    for (var hops = 0; (int)response.StatusCode is 301 or 302 or 303 or 307 or 308; hops++)
    {
        if (hops == 10) throw new InvalidOperationException("Too many redirects.");
        url = new Uri(url, response.Headers.Location!);
        response = await Send(new HttpRequestMessage(HttpMethod.Get, url));
    }
    var body = await response.Content.ReadAsStringAsync();
    if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{(int)response.StatusCode} from {url}: {body}");
    return (url, body);
}

static Uri Secure(Uri uri) => new UriBuilder(uri) { Scheme = Uri.UriSchemeHttps, Port = uri.Port }.Uri;

static (Uri Action, Dictionary<string, string> Fields) ReadForm(string html, Uri page)
{
    var action = Regex.Match(html, """<form[^>]*\saction\s*=\s*["'](?<a>[^"']*)["']""", RegexOptions.IgnoreCase);
    if (!action.Success) throw new InvalidOperationException("No form on the page: " + html);
    var fields = new Dictionary<string, string>(StringComparer.Ordinal);
    foreach (Match input in Regex.Matches(html, "<input[^>]*>", RegexOptions.IgnoreCase))
    {
        var name = Regex.Match(input.Value, """\sname\s*=\s*["'](?<v>[^"']*)["']""", RegexOptions.IgnoreCase);
        var value = Regex.Match(input.Value, """\svalue\s*=\s*["'](?<v>[^"']*)["']""", RegexOptions.IgnoreCase);
        if (name.Success) fields[WebUtility.HtmlDecode(name.Groups["v"].Value)] = WebUtility.HtmlDecode(value.Success ? value.Groups["v"].Value : "");
    }
    return (new Uri(page, WebUtility.HtmlDecode(action.Groups["a"].Value)), fields);
}
