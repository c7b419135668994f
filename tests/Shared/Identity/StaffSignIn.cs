using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace BffPlatform.Testing.Identity;

/// <summary>
/// A staff user's access token from a real identity process, the way core-api's Swagger UI gets one:
/// code + PKCE as the public client <c>core-api-swagger</c>, signing in through identity's own page.
/// Cookies are kept by hand (identity's are Secure; CookieContainer never sends those over http).
/// </summary>
public static partial class StaffSignIn
{
    public const string ClientId = "core-api-swagger";

    /// <param name="redirectUri">The client's registered redirect (LocalServices: core-api's <c>/api/docs/oauth2-redirect.html</c>).</param>
    public static async Task<string> AccessTokenAsync(string identityUrl, string redirectUri, DemoUser user, string scope)
    {
        var cookies = new Dictionary<string, string>(StringComparer.Ordinal);
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(identityUrl) };
        var verifier = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        var challenge = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var authorize = "/connect/authorize?" + string.Join('&', new Dictionary<string, string>
        {
            ["client_id"] = ClientId, ["response_type"] = "code", ["redirect_uri"] = redirectUri, ["scope"] = scope,
            ["state"] = "s1", ["code_challenge"] = challenge, ["code_challenge_method"] = "S256",
        }.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));

        var login = await SendAsync(http, cookies, new HttpRequestMessage(HttpMethod.Get, authorize));
        var page = await SendAsync(http, cookies, new HttpRequestMessage(HttpMethod.Get, Location(login)));
        var fields = HiddenField().Matches(await page.Content.ReadAsStringAsync())
            .ToDictionary(m => m.Groups["name"].Value, m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        fields["Email"] = user.Email;
        fields["Password"] = user.Password;
        var signedIn = await SendAsync(http, cookies, new HttpRequestMessage(HttpMethod.Post, "/account/login") { Content = new FormUrlEncodedContent(fields) });
        var back = await SendAsync(http, cookies, new HttpRequestMessage(HttpMethod.Get, Location(signedIn)));
        var callback = Location(back);
        if (!callback.StartsWith(redirectUri, StringComparison.Ordinal)) throw new InvalidOperationException($"Sign-in did not come back to the client: {callback}");
        var code = Uri.UnescapeDataString(Regex.Match(callback, "[?&]code=([^&]+)").Groups[1].Value);

        using var token = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["client_id"] = ClientId, ["code"] = code, ["redirect_uri"] = redirectUri, ["code_verifier"] = verifier,
        }));
        var body = await token.Content.ReadAsStringAsync();
        return JsonNode.Parse(body)?["access_token"]?.GetValue<string>() ?? throw new InvalidOperationException("No access token: " + body);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, Dictionary<string, string> cookies, HttpRequestMessage request)
    {
        if (cookies.Count > 0) request.Headers.TryAddWithoutValidation("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
        var response = await http.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var setCookie in setCookies)
            {
                var pair = setCookie.Split(';', 2)[0];
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                cookies[pair[..equals]] = pair[(equals + 1)..];
            }
        }
        return response;
    }

    private static string Location(HttpResponseMessage response) =>
        response.Headers.Location?.OriginalString ?? throw new InvalidOperationException($"Expected a redirect, got {(int)response.StatusCode}.");

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenField();
}
