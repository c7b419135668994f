using System.Security.Claims;
using System.Text.Encodings.Web;
using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Partners;
using BffPlatform.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace BffPlatform.PublicApi.Keys;

/// <summary>
/// <c>Authorization: Bearer bp_...</c>: the key's format and checksum are checked offline (a malformed
/// key never reaches core-api), a secret key sent from a browser is refused before any lookup, and a
/// well-formed key is verified through core-api (<see cref="ApiKeyVerifier"/>, briefly cached). The
/// principal carries what core-api said the key proves (<see cref="ApiKeyClaims"/>), nothing the
/// request said. A refusal is answered by the challenge as Problem Details naming why.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyVerifier verifier) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    private const string BearerPrefix = "Bearer ";
    private static readonly object RefusalItem = new();

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return AuthenticateResult.NoResult();
        }
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) || !ApiKeyFormat.TryParse(header[BearerPrefix.Length..].Trim(), out var key))
        {
            return Refuse(StatusCodes.Status401Unauthorized, ErrorCodes.ApiKeyMalformed, "The API key is malformed.",
                "Send 'Authorization: Bearer bp_...' with the whole key; this value is not a key of this platform (prefix, length or checksum).");
        }
        // Browsers send Origin on cross-origin calls (and on any POST); servers do not. A secret key
        // there is exposed to whoever reads the page, so it is refused even when the key is valid.
        if (key.Kind != ApiKeyKinds.Publishable && Request.Headers.Origin.Count > 0)
        {
            return Refuse(StatusCodes.Status401Unauthorized, ErrorCodes.SecretKeyInBrowser, "Secret keys may not be used from a browser.",
                $"The request came from the browser origin '{Request.Headers.Origin}' with a secret key ({key}). Call from your server with it, or use a publishable key (bp_pub_) in browser code; roll the exposed key.");
        }

        var verification = await verifier.VerifyAsync(key, Context.RequestAborted);
        if (verification.Unavailable is { } unavailable)
        {
            return Refuse(unavailable.StatusCode, unavailable.Code ?? ErrorCodes.UpstreamUnavailable, "API keys cannot be checked right now.", "Try again shortly.");
        }
        if (verification.Key is not { } proven)
        {
            return verification.Code switch
            {
                ErrorCodes.ApiKeyRevoked => Refuse(StatusCodes.Status401Unauthorized, ErrorCodes.ApiKeyRevoked, "The API key was revoked.", $"{key} no longer works; use the key that replaced it."),
                ErrorCodes.ApiKeyExpired => Refuse(StatusCodes.Status401Unauthorized, ErrorCodes.ApiKeyExpired, "The API key expired.", $"{key} no longer works; use the key that replaced it."),
                _ => Refuse(StatusCodes.Status401Unauthorized, ErrorCodes.ApiKeyInvalid, "The API key is not valid.", $"{key} is not a key this platform issued."),
            };
        }
        var principal = new ClaimsPrincipal(new ClaimsIdentity(ClaimsOf(proven), SchemeName, ApiKeyClaims.KeyId, null));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var refusal = Context.Items[RefusalItem] as Refusal
            ?? new Refusal(StatusCodes.Status401Unauthorized, ErrorCodes.ApiKeyMissing, "An API key is required.", "Send your key as 'Authorization: Bearer bp_...'.");
        if (refusal.Status == StatusCodes.Status401Unauthorized)
        {
            Response.Headers.Append(HeaderNames.WWWAuthenticate, refusal.Code == ErrorCodes.ApiKeyMissing
                ? "Bearer realm=\"public-api\""
                : $"Bearer realm=\"public-api\", error=\"invalid_token\", error_description=\"{refusal.Code}\"");
        }
        await ProblemWriter.WriteAsync(Context, refusal.Status, refusal.Code, refusal.Title, refusal.Detail);
    }

    /// <summary>Publishable keys live in browser code: whatever core-api holds, they read the catalog only.</summary>
    private static IEnumerable<Claim> ClaimsOf(ApiKeyVerificationDto key)
    {
        yield return new Claim(ApiKeyClaims.KeyId, key.KeyId.ToString("D"));
        yield return new Claim(ApiKeyClaims.PartnerId, key.PartnerId.ToString("D"));
        yield return new Claim(ApiKeyClaims.PartnerName, key.PartnerName);
        yield return new Claim(ApiKeyClaims.Kind, key.Kind);
        yield return new Claim(ApiKeyClaims.Environment, key.Environment);
        yield return new Claim(ApiKeyClaims.Plan, key.Plan);
        foreach (var scope in key.Scopes.Where(s => key.Kind != ApiKeyKinds.Publishable || s == PartnerScopes.CatalogRead))
        {
            yield return new Claim(ApiKeyClaims.Scope, scope);
        }
    }

    private AuthenticateResult Refuse(int status, string code, string title, string detail)
    {
        Context.Items[RefusalItem] = new Refusal(status, code, title, detail);
        return AuthenticateResult.Fail(code);
    }

    private sealed record Refusal(int Status, string Code, string Title, string Detail);
}
