using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace BffPlatform.Testing.Identity;

/// <summary>The tokens a native app holds after signing in or refreshing.</summary>
public sealed record AppTokens(string AccessToken, string? RefreshToken, string? IdToken, int ExpiresIn);

/// <summary>
/// The mobile app's side of OAuth against a real identity process, without a browser: code + PKCE
/// (S256) as the public client <c>mobile-app</c>, the sign-in page posted like a browser would
/// (antiforgery field, cookies kept the way Chromium keeps them on loopback: Secure ones over http
/// too), refresh and revocation. bff-mobile's tests get real user tokens from it; the end-to-end
/// test does the browser leg with Chromium instead and shares <see cref="Pkce"/> and the token calls.
/// </summary>
public static partial class NativeAppSignIn
{
    public const string ClientId = "mobile-app";
    public const string Scopes = "openid profile email offline_access core-api catalog.read orders.read orders.write";

    public static (string Verifier, string Challenge) Pkce()
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (verifier, Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }

    public static string AuthorizeUrl(string identityUrl, string redirectUri, string challenge, string state, string scope = Scopes) =>
        $"{identityUrl}/connect/authorize?client_id={ClientId}&response_type=code&scope={Uri.EscapeDataString(scope)}" +
        $"&redirect_uri={Uri.EscapeDataString(redirectUri)}&state={state}&code_challenge={challenge}&code_challenge_method=S256";

    /// <summary>Signs <paramref name="user"/> in and redeems the code.</summary>
    public static async Task<AppTokens> SignInAsync(string identityUrl, string redirectUri, DemoUser user, string scope = Scopes)
    {
        var (verifier, challenge) = Pkce();
        var state = Base64Url(RandomNumberGenerator.GetBytes(12));
        using var browser = new HttpClient(new CookieJar { InnerHandler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false } });

        var location = await RedirectOfAsync(browser, AuthorizeUrl(identityUrl, redirectUri, challenge, state, scope));
        if (location.AbsolutePath == "/account/login")
        {
            var page = await browser.GetStringAsync(location);
            var fields = HiddenField().Matches(page).ToDictionary(m => m.Groups["name"].Value, m => WebUtility.HtmlDecode(m.Groups["value"].Value));
            fields["Email"] = user.Email;
            fields["Password"] = user.Password;
            using var posted = await browser.PostAsync($"{identityUrl}/account/login", new FormUrlEncodedContent(fields));
            location = await RedirectOfAsync(browser, Absolute(identityUrl, RequireRedirect(posted)));
        }
        Assert.StartsWith(redirectUri, location.ToString(), StringComparison.Ordinal);
        var query = System.Web.HttpUtility.ParseQueryString(location.Query);
        Assert.Equal(state, query["state"]);
        return await RedeemCodeAsync(identityUrl, query["code"]!, verifier, redirectUri);
    }

    public static Task<AppTokens> RedeemCodeAsync(string identityUrl, string code, string verifier, string redirectUri) =>
        TokenAsync(identityUrl, new()
        {
            ["grant_type"] = "authorization_code", ["client_id"] = ClientId, ["code"] = code,
            ["code_verifier"] = verifier, ["redirect_uri"] = redirectUri,
        });

    public static Task<AppTokens> RefreshAsync(string identityUrl, string refreshToken) =>
        TokenAsync(identityUrl, new() { ["grant_type"] = "refresh_token", ["client_id"] = ClientId, ["refresh_token"] = refreshToken });

    /// <summary>The token endpoint's status and OAuth error for a refresh that is expected to fail.</summary>
    public static async Task<(HttpStatusCode Status, string? Error)> TryRefreshAsync(string identityUrl, string refreshToken)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync($"{identityUrl}/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["client_id"] = ClientId, ["refresh_token"] = refreshToken,
        }));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, body?["error"]?.GetValue<string>());
    }

    /// <summary>Sign-out as the app does it: revoking its refresh token (RFC 7009).</summary>
    public static async Task RevokeAsync(string identityUrl, string refreshToken)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync($"{identityUrl}/connect/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = ClientId, ["token"] = refreshToken, ["token_type_hint"] = "refresh_token",
        }));
        Assert.True(response.IsSuccessStatusCode, $"revocation answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<AppTokens> TokenAsync(string identityUrl, Dictionary<string, string> form)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync($"{identityUrl}/connect/token", new FormUrlEncodedContent(form));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"token endpoint answered {(int)response.StatusCode}: {body}");
        var json = JsonNode.Parse(body)!;
        return new AppTokens(json["access_token"]!.GetValue<string>(), json["refresh_token"]?.GetValue<string>(),
            json["id_token"]?.GetValue<string>(), json["expires_in"]?.GetValue<int>() ?? 0);
    }

    private static async Task<Uri> RedirectOfAsync(HttpClient browser, string url)
    {
        using var response = await browser.GetAsync(url);
        var location = RequireRedirect(response);
        // The app's own redirect URI may have a scheme of its own (com.bffplatform.mobile:/callback).
        return location.IsAbsoluteUri ? location : new Uri(new Uri(url), location);
    }

    private static Uri RequireRedirect(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther,
            $"expected a redirect, got {(int)response.StatusCode}: {response.Content.ReadAsStringAsync().Result}");
        return response.Headers.Location!;
    }

    private static string Absolute(string baseUrl, Uri location) =>
        location.IsAbsoluteUri ? location.ToString() : new Uri(new Uri(baseUrl), location).ToString();

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenField();

    /// <summary>Cookies kept as Chromium keeps them on loopback: Secure ones are sent over http too (CookieContainer never would).</summary>
    private sealed class CookieJar : DelegatingHandler
    {
        private readonly CookieContainer _cookies = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = new UriBuilder(request.RequestUri!) { Scheme = Uri.UriSchemeHttps, Port = request.RequestUri!.Port }.Uri;
            var header = _cookies.GetCookieHeader(uri);
            request.Headers.Remove("Cookie");
            if (header.Length > 0) request.Headers.TryAddWithoutValidation("Cookie", header);
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                foreach (var setCookie in setCookies) _cookies.SetCookies(uri, setCookie);
            }
            return response;
        }
    }
}
