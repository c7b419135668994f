using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Duende.IdentityModel;
using Duende.IdentityModel.Client;
using Microsoft.IdentityModel.JsonWebTokens;

namespace BffPlatform.Identity.Tests.Infrastructure;

/// <summary>Client-side OAuth steps for tests, with Duende.IdentityModel for every token-endpoint call.</summary>
public static partial class OAuth
{
    public const string TokenEndpoint = IdentityFactory.Issuer + "connect/token";
    public const string AuthorizeEndpoint = IdentityFactory.Issuer + "connect/authorize";
    public const string RevocationEndpoint = IdentityFactory.Issuer + "connect/revoke";
    public const string EndSessionEndpoint = IdentityFactory.Issuer + "connect/endsession";
    public const string UserInfoEndpoint = IdentityFactory.Issuer + "connect/userinfo";

    public const string BffWeb = "bff-web";
    public const string BffWebSecret = "bff-web-dev-secret";
    public const string BffWebRedirect = "http://127.0.0.1:5300/signin-oidc";
    public const string BffWebPostLogout = "http://127.0.0.1:5300/signout-callback-oidc";
    public const string MobileApp = "mobile-app";
    public const string MobileRedirect = "com.bffplatform.mobile:/callback";
    public const string BffMobile = "bff-mobile";
    public const string BffMobileSecret = "bff-mobile-dev-secret";
    public const string InternalTools = "internal-tools";
    public const string InternalToolsSecret = "internal-tools-dev-secret";

    public const string AliceEmail = "alice@shop.test";
    public const string AlicePassword = "Alice!2345";
    public const string BffWebScopes = "openid profile email roles offline_access core-api catalog.read orders.read";

    public static Task<TokenResponse> ClientCredentialsAsync(HttpClient http, string clientId, string secret, string? scope = null) =>
        http.RequestClientCredentialsTokenAsync(new ClientCredentialsTokenRequest
        {
            Address = TokenEndpoint, ClientId = clientId, ClientSecret = secret, Scope = scope,
        });

    public static Task<TokenResponse> RefreshAsync(HttpClient http, string refreshToken, string clientId = BffWeb, string? secret = BffWebSecret) =>
        http.RequestRefreshTokenAsync(new RefreshTokenRequest
        {
            Address = TokenEndpoint, ClientId = clientId, ClientSecret = secret, RefreshToken = refreshToken,
        });

    public static (string Verifier, string Challenge) NewPkce()
    {
        var verifier = CryptoRandom.CreateUniqueId(32);
        var challenge = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        return (verifier, challenge);
    }

    public static string AuthorizeUrl(string clientId, string redirectUri, string scope, string? codeChallenge, string state = "state-1", string? nonce = "nonce-1") =>
        new RequestUrl(AuthorizeEndpoint).CreateAuthorizeUrl(
            clientId: clientId, responseType: OidcConstants.ResponseTypes.Code, scope: scope, redirectUri: redirectUri,
            state: state, nonce: nonce, codeChallenge: codeChallenge,
            codeChallengeMethod: codeChallenge is null ? null : OidcConstants.CodeChallengeMethods.Sha256);

    /// <summary>The sign-in page's antiforgery field and return URL.</summary>
    public static async Task<Dictionary<string, string>> ReadSignInFormAsync(HttpClient browser, string loginUrl)
    {
        var page = await browser.GetStringAsync(loginUrl);
        var fields = HiddenField().Matches(page).ToDictionary(m => m.Groups["name"].Value, m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        Assert.Contains("__RequestVerificationToken", fields.Keys);
        return fields;
    }

    public static async Task<HttpResponseMessage> PostSignInAsync(HttpClient browser, string loginUrl, string email, string password)
    {
        var fields = await ReadSignInFormAsync(browser, loginUrl);
        fields["Email"] = email;
        fields["Password"] = password;
        return await browser.PostAsync("/account/login", new FormUrlEncodedContent(fields));
    }

    /// <summary>
    /// The whole browser leg of the code flow: authorize → sign-in page → form post with
    /// antiforgery → authorize again → redirect to the client with a code.
    /// </summary>
    public static async Task<AuthorizeResponse> SignInAndAuthorizeAsync(
        HttpClient browser, string clientId, string redirectUri, string scope, string? codeChallenge,
        string email = AliceEmail, string password = AlicePassword)
    {
        var authorize = await browser.GetAsync(AuthorizeUrl(clientId, redirectUri, scope, codeChallenge));
        var location = RequireRedirect(authorize);
        if (location.AbsolutePath == "/account/login")
        {
            var signIn = await PostSignInAsync(browser, location.PathAndQuery, email, password);
            var back = RequireRedirect(signIn);
            Assert.Equal("/connect/authorize", back.AbsolutePath);
            location = RequireRedirect(await browser.GetAsync(back));
        }
        Assert.StartsWith(redirectUri, location.ToString(), StringComparison.Ordinal);
        return new AuthorizeResponse(location.ToString());
    }

    /// <summary>Code flow + PKCE to tokens.</summary>
    public static async Task<TokenResponse> CodeFlowAsync(
        IdentityFactory identity, HttpClient browser, string clientId = BffWeb, string? secret = BffWebSecret,
        string redirectUri = BffWebRedirect, string scope = BffWebScopes, string email = AliceEmail, string password = AlicePassword)
    {
        var (verifier, challenge) = NewPkce();
        var code = await SignInAndAuthorizeAsync(browser, clientId, redirectUri, scope, challenge, email, password);
        Assert.False(code.IsError, code.Error);
        var tokens = await RedeemCodeAsync(identity.CreateClient(), code.Code!, verifier, clientId, secret, redirectUri);
        Assert.False(tokens.IsError, tokens.Error + " " + tokens.ErrorDescription);
        return tokens;
    }

    public static Task<TokenResponse> RedeemCodeAsync(HttpClient http, string code, string? verifier,
        string clientId = BffWeb, string? secret = BffWebSecret, string redirectUri = BffWebRedirect) =>
        http.RequestAuthorizationCodeTokenAsync(new AuthorizationCodeTokenRequest
        {
            Address = TokenEndpoint, ClientId = clientId, ClientSecret = secret, Code = code, RedirectUri = redirectUri, CodeVerifier = verifier,
        });

    public static Uri RequireRedirect(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther,
            $"expected a redirect, got {(int)response.StatusCode}: {response.Content.ReadAsStringAsync().Result}");
        var location = response.Headers.Location!;
        return location.IsAbsoluteUri ? location : new Uri(new Uri(IdentityFactory.Issuer), location);
    }

    public static JsonWebToken Read(string jwt) => new(jwt);

    /// <summary>The OAuth <c>error</c> of a response; Duende reports a 401's reason phrase instead, so read the body.</summary>
    public static string? ErrorCode(ProtocolResponse response) =>
        response.Json is { ValueKind: System.Text.Json.JsonValueKind.Object } json && json.TryGetProperty("error", out var error)
            ? error.GetString()
            : response.Error;

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenField();
}
