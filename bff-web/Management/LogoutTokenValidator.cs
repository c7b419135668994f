using System.Text.Json;
using BffPlatform.BffWeb.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BffPlatform.BffWeb.Management;

/// <summary>Who a valid logout token signs out: a subject, an identity-provider session, or both.</summary>
public sealed record LogoutRequest(string? Subject, string? SessionId);

/// <summary>Validation outcome: the request, or the reason the token was refused.</summary>
public sealed record LogoutTokenResult(LogoutRequest? Request, string? Error)
{
    public bool IsValid => Request is not null;
}

/// <summary>
/// Checks an OpenID Connect Back-Channel Logout 1.0 logout token: signature against identity's
/// published keys, <c>iss</c>, <c>aud</c> = our client id, <c>iat</c> recent, <c>exp</c> if
/// present, the back-channel <c>events</c> member, no <c>nonce</c>, a <c>jti</c> never seen
/// before, and a <c>sub</c> or <c>sid</c>.
/// </summary>
public sealed class LogoutTokenValidator(
    IOidcTokenClient oidc,
    IReplayCache replays,
    TimeProvider time,
    IOptionsMonitor<OidcClientOptions> options)
{
    public const string BackChannelLogoutEvent = "http://schemas.openid.net/event/backchannel-logout";
    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };
    private static readonly string[] SafeAlgorithms = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"];

    public async Task<LogoutTokenResult> ValidateAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return Fail("logout_token is missing.");
        }
        var settings = options.CurrentValue;
        var configuration = await oidc.GetConfigurationAsync(cancellationToken);
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = configuration.Issuer,
            ValidAudience = settings.ClientId,
            IssuerSigningKeys = configuration.SigningKeys,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            ValidAlgorithms = SafeAlgorithms,
            // exp is optional in logout tokens; when present it is checked. iat is checked below.
            RequireExpirationTime = false,
            ValidateLifetime = true,
            ClockSkew = settings.ClockSkew,
            // The spec recommends typ "logout+jwt"; older senders use "JWT" or none.
            ValidTypes = ["logout+jwt", "JWT"],
            TryAllIssuerSigningKeys = true,
        };
        parameters.LifetimeValidator = (notBefore, expires, _, p) =>
        {
            var now = time.GetUtcNow().UtcDateTime;
            return (notBefore is null || notBefore.Value <= now + p.ClockSkew) && (expires is null || expires.Value >= now - p.ClockSkew);
        };

        var result = await Handler.ValidateTokenAsync(token, parameters);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
        {
            return Fail(Explain(result.Exception));
        }

        if (jwt.TryGetPayloadValue<object>("nonce", out _))
        {
            return Fail("A logout token must not contain a nonce.");
        }
        if (!HasBackChannelEvent(jwt))
        {
            return Fail("The events claim lacks the back-channel logout member.");
        }
        if (!jwt.TryGetPayloadValue<long>("iat", out var iatSeconds))
        {
            return Fail("The logout token has no iat.");
        }
        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(iatSeconds);
        var now = time.GetUtcNow();
        if (issuedAt > now + settings.ClockSkew || issuedAt < now - settings.LogoutTokenMaxAge - settings.ClockSkew)
        {
            return Fail("The logout token's iat is outside the accepted window.");
        }
        var subject = jwt.TryGetPayloadValue<string>("sub", out var sub) && !string.IsNullOrEmpty(sub) ? sub : null;
        var sessionId = jwt.TryGetPayloadValue<string>("sid", out var sid) && !string.IsNullOrEmpty(sid) ? sid : null;
        if (subject is null && sessionId is null)
        {
            return Fail("The logout token names neither sub nor sid.");
        }
        if (!jwt.TryGetPayloadValue<string>("jti", out var jti) || string.IsNullOrEmpty(jti))
        {
            return Fail("The logout token has no jti.");
        }
        // Remember the jti for as long as the token could be accepted.
        if (!await replays.TryAddAsync($"logout:{configuration.Issuer}:{jti}", issuedAt + settings.LogoutTokenMaxAge + settings.ClockSkew * 2, cancellationToken))
        {
            return Fail("The logout token was already used.");
        }
        return new LogoutTokenResult(new LogoutRequest(subject, sessionId), null);
    }

    private static bool HasBackChannelEvent(JsonWebToken jwt)
    {
        if (!jwt.TryGetPayloadValue<JsonElement>("events", out var events))
        {
            // Some versions hand back a string holding the JSON object.
            if (!jwt.TryGetPayloadValue<string>("events", out var raw) || string.IsNullOrEmpty(raw))
            {
                return false;
            }
            try
            {
                using var parsed = JsonDocument.Parse(raw);
                return parsed.RootElement.ValueKind == JsonValueKind.Object
                    && parsed.RootElement.TryGetProperty(BackChannelLogoutEvent, out var member) && member.ValueKind == JsonValueKind.Object;
            }
            catch (JsonException)
            {
                return false;
            }
        }
        return events.ValueKind == JsonValueKind.Object
            && events.TryGetProperty(BackChannelLogoutEvent, out var value) && value.ValueKind == JsonValueKind.Object;
    }

    /// <summary>
    /// What was wrong, in words: the sender reads this in its logs, and .NET exception type names
    /// tell it nothing (and tell an attacker what validates the token).
    /// </summary>
    internal static string Explain(Exception? exception) => exception switch
    {
        SecurityTokenSignatureKeyNotFoundException => "The logout token is signed by a key the identity provider does not publish.",
        SecurityTokenInvalidSignatureException => "The logout token's signature is missing or does not verify.",
        SecurityTokenInvalidAlgorithmException => "The logout token is signed with an algorithm that is not allowed.",
        SecurityTokenInvalidIssuerException => "The logout token was not issued by the configured identity provider.",
        SecurityTokenInvalidAudienceException => "The logout token is not addressed to this client.",
        SecurityTokenInvalidTypeException => "The logout token's typ must be logout+jwt or JWT.",
        SecurityTokenExpiredException => "The logout token has expired.",
        SecurityTokenNotYetValidException => "The logout token is not valid yet.",
        SecurityTokenInvalidLifetimeException => "The logout token is expired or not valid yet.",
        SecurityTokenMalformedException or ArgumentException => "The logout token is not a well-formed JWT.",
        _ => "The logout token could not be validated.",
    };

    private static LogoutTokenResult Fail(string error) => new(null, error);
}
