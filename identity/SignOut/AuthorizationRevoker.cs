using OpenIddict.Abstractions;

namespace BffPlatform.Identity.SignOut;

/// <summary>
/// Ends one authorization (one sign-in of one client) with every token issued under it. Revoking
/// only the presented refresh token is not enough: its predecessor, redeemed moments before, is
/// still honoured inside the reuse leeway, and it and the rotated successor share the authorization.
/// OpenIddict refuses any code, refresh or subject token whose authorization is no longer valid.
/// </summary>
public sealed class AuthorizationRevoker(
    IOpenIddictAuthorizationManager authorizations, IOpenIddictTokenManager tokens, ILogger<AuthorizationRevoker> logger)
{
    /// <returns>Whether the authorization existed.</returns>
    public async Task<bool> RevokeAsync(string authorizationId, CancellationToken ct)
    {
        var authorization = await authorizations.FindByIdAsync(authorizationId, ct);
        if (authorization is null) return false;
        await authorizations.TryRevokeAsync(authorization, ct);
        // The authorization's status alone refuses its tokens; revoking their entries too makes
        // each one read as revoked wherever it is looked up on its own.
        var revoked = await tokens.RevokeByAuthorizationIdAsync(authorizationId, ct);
        logger.LogInformation("Authorization {AuthorizationId} revoked with {Count} tokens", authorizationId, revoked);
        return true;
    }
}
