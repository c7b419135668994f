using System.Security.Claims;
using BffPlatform.Identity.Configuration;
using BffPlatform.Identity.Data;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace BffPlatform.Identity.Connect;

/// <summary>What goes into tokens, and into which ones. Destinations are explicit: a claim without one is never issued.</summary>
internal static class TokenClaims
{
    public const string SessionId = "sid";

    public static ClaimsIdentity NewIdentity() =>
        new(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);

    /// <summary>Sets the user's current profile claims (a refresh picks up name, e-mail and role changes).</summary>
    public static ClaimsIdentity SetUser(this ClaimsIdentity identity, AppUser user)
    {
        identity.SetClaim(Claims.Subject, user.Id)
            .SetClaim(Claims.Name, user.DisplayName)
            .SetClaim(Claims.Email, user.Email)
            .SetClaim(Claims.Role, user.Role);
        return identity;
    }

    public static ClaimsIdentity WithDestinations(this ClaimsIdentity identity)
    {
        identity.SetDestinations(claim => Destinations(claim, identity));
        return identity;
    }

    private static IEnumerable<string> Destinations(Claim claim, ClaimsIdentity identity)
    {
        switch (claim.Type)
        {
            case Claims.Subject:
                return [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken];
            case Claims.Name:
                return AccessAndIdentityIf(identity.HasScope(IdentityScopes.Profile));
            case Claims.Email:
                return AccessAndIdentityIf(identity.HasScope(IdentityScopes.Email));
            case Claims.Role:
                return AccessAndIdentityIf(identity.HasScope(IdentityScopes.Roles));
            case SessionId:
                // The client compares it with the logout token's sid; APIs have no use for it.
                return [OpenIddictConstants.Destinations.IdentityToken];
            case Claims.ClientId:
                return [OpenIddictConstants.Destinations.AccessToken];
            default:
                return [];
        }
    }

    /// <summary>APIs always get name, e-mail and role (core-api authorises by role); ID tokens only when the scope asks.</summary>
    private static string[] AccessAndIdentityIf(bool scopeGranted) => scopeGranted
        ? [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken]
        : [OpenIddictConstants.Destinations.AccessToken];
}
