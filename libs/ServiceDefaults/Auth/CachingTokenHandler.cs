using Microsoft.IdentityModel.Tokens;

namespace BffPlatform.ServiceDefaults.Auth;

/// <summary>
/// Wraps a bearer options' token handler with <see cref="ValidatedTokenCache"/>. A token is
/// answered from the cache only while everything full validation relied on still holds: the same
/// options instance (the generation), the key that signed it still among the issuer's current
/// keys (a key roll or metadata change misses) and the issuer still accepted. Expiry is enforced
/// per request from the token's own exp: past it (and the clock skew) the answer is the
/// handler's own "expired" failure. Anything else, and every failure, goes through the wrapped
/// handler exactly as without the cache; failures are never cached.
/// </summary>
internal sealed class CachingTokenHandler(TokenHandler inner, ValidatedTokenCache cache) : TokenHandler
{
    private readonly long _generation = cache.NewGeneration();

    internal TokenHandler Inner => inner;

    public override int MaximumTokenSizeInBytes
    {
        get => inner.MaximumTokenSizeInBytes;
        set => inner.MaximumTokenSizeInBytes = value;
    }

    public override SecurityToken ReadToken(string token) => inner.ReadToken(token);

    public override Task<TokenValidationResult> ValidateTokenAsync(SecurityToken token, TokenValidationParameters validationParameters) =>
        inner.ValidateTokenAsync(token, validationParameters);

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        if (!Cacheable(token, validationParameters))
        {
            return await inner.ValidateTokenAsync(token, validationParameters);
        }

        var key = ValidatedTokenCache.KeyOf(_generation, token);
        if (cache.TryGet(key, out var hit))
        {
            var now = cache.Clock.GetUtcNow();
            if (now > hit.ValidTo + validationParameters.ClockSkew)
            {
                // What the handler itself answers for an expired token (the same exception, so the
                // same log line and WWW-Authenticate description), on the same clock. The entry
                // stays until the cache evicts it at that same instant, so every retry is refused too.
                return new TokenValidationResult
                {
                    IsValid = false,
                    Exception = new SecurityTokenExpiredException(
                        $"IDX10223: Lifetime validation failed. The token is expired. ValidTo (UTC): '{hit.ValidTo.UtcDateTime}', Current time (UTC): '{now.UtcDateTime}'.")
                    {
                        Expires = hit.ValidTo.UtcDateTime,
                    },
                };
            }
            if (await StillTrustedAsync(hit, validationParameters, now))
            {
                return new TokenValidationResult
                {
                    IsValid = true,
                    SecurityToken = hit.Token,
                    // A copy: claims transformations and events may add to the identity of one request.
                    ClaimsIdentity = hit.Identity.Clone(),
                    Issuer = hit.Issuer,
                    TokenType = hit.TokenType,
                };
            }
            // Expired, or validated under keys or an issuer no longer trusted: decide afresh.
            cache.Remove(key);
        }

        var result = await inner.ValidateTokenAsync(token, validationParameters);
        if (result is { IsValid: true, SecurityToken: { SigningKey: { } signingKey } validated, ClaimsIdentity: { } identity }
            && validated.ValidTo != DateTime.MinValue)
        {
            cache.Add(key, new ValidatedToken(validated, identity.Clone(), signingKey, result.Issuer, result.TokenType,
                new DateTimeOffset(validated.ValidFrom, TimeSpan.Zero), new DateTimeOffset(validated.ValidTo, TimeSpan.Zero),
                validationParameters.ClockSkew));
        }
        return result;
    }

    /// <summary>Replay detection must see every use, and lifetime checks must not be off.</summary>
    private static bool Cacheable(string token, TokenValidationParameters p) =>
        !string.IsNullOrEmpty(token) && p.ValidateLifetime && !p.ValidateTokenReplay && p.TokenReplayCache is null;

    private static async Task<bool> StillTrustedAsync(ValidatedToken hit, TokenValidationParameters p, DateTimeOffset now)
    {
        if (hit.ValidFrom != DateTimeOffset.MinValue && now < hit.ValidFrom - p.ClockSkew)
        {
            return false;
        }
        // JwtBearer hands the issuer's metadata over as a configuration manager (keys and issuer
        // are resolved inside the token handler); its answer is cached and refreshed on its own schedule.
        var configuration = p.ConfigurationManager is null ? null : await p.ConfigurationManager.GetBaseConfigurationAsync(CancellationToken.None);
        var keyStillPublished = ReferenceEquals(p.IssuerSigningKey, hit.SigningKey)
            || (p.IssuerSigningKeys?.Any(k => ReferenceEquals(k, hit.SigningKey)) ?? false)
            || (configuration?.SigningKeys.Any(k => ReferenceEquals(k, hit.SigningKey)) ?? false);
        if (!keyStillPublished)
        {
            return false;
        }
        // An issuer validator (Entra's) is the same delegate for the life of the options instance.
        return !p.ValidateIssuer || p.IssuerValidator is not null || p.IssuerValidatorUsingConfiguration is not null
            || string.Equals(p.ValidIssuer, hit.Issuer, StringComparison.Ordinal)
            || (p.ValidIssuers?.Contains(hit.Issuer, StringComparer.Ordinal) ?? false)
            || string.Equals(configuration?.Issuer, hit.Issuer, StringComparison.Ordinal);
    }
}
