using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

// Usage: SignIn <bff-web url> <identity url> <email> <password> [<core-api-swagger redirect uri>]
// Prints "COOKIE=<__Host-bff value>" (a signed-in bff-web session, checked with /bff/user) and
// "BEARER=<access token>" for calling core-api directly: with a redirect URI, the same user's token
// (code + PKCE as the public core-api-swagger client, reusing identity's sign-in cookie), so both
// paths make core-api do the same work; without one, internal-tools client credentials.
if (args.Length is not (4 or 5))
{
    Console.Error.WriteLine("usage: SignIn <bff-web url> <identity url> <email> <password> [<core-api-swagger redirect uri>]");
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

var tokenRequest = new Dictionary<string, string>
{
    ["grant_type"] = "client_credentials",
    ["client_id"] = "internal-tools",
    ["client_secret"] = "internal-tools-dev-secret",
    ["scope"] = "core-api catalog.read",
};
if (args.Length == 5)
{
    var redirectUri = args[4];
    var verifier = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    var challenge = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    var authorize = await Send(new HttpRequestMessage(HttpMethod.Get,
        $"{identity}/connect/authorize?client_id=core-api-swagger&response_type=code&scope={Uri.EscapeDataString("openid profile email roles core-api catalog.read")}" +
        $"&redirect_uri={Uri.EscapeDataString(redirectUri)}&code_challenge={challenge}&code_challenge_method=S256&state=bench"));
    var location = authorize.Headers.Location;
    var code = location is null ? null : Regex.Match(location.Query, "[?&]code=([^&]+)") is { Success: true } m ? Uri.UnescapeDataString(m.Groups[1].Value) : null;
    if (code is null)
    {
        Console.Error.WriteLine($"identity gave core-api-swagger no code ({(int)authorize.StatusCode} {location}): {await authorize.Content.ReadAsStringAsync()}");
        return 1;
    }
    tokenRequest = new Dictionary<string, string>
    {
        ["grant_type"] = "authorization_code",
        ["client_id"] = "core-api-swagger",
        ["code"] = code,
        ["redirect_uri"] = redirectUri,
        ["code_verifier"] = verifier,
    };
}
var token = await http.PostAsync($"{identity}/connect/token", new FormUrlEncodedContent(tokenRequest));
var tokenBody = await token.Content.ReadAsStringAsync();
if (!token.IsSuccessStatusCode)
{
    Console.Error.WriteLine("The token request was refused: " + tokenBody);
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
