using BffPlatform.Identity.Configuration;
using BffPlatform.Identity.Data;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace BffPlatform.Identity.Connect;

internal static class UserInfoEndpoint
{
    /// <summary>The signed-in user's profile, trimmed to the scopes of the presented access token.</summary>
    public static async Task<IResult> HandleAsync(HttpContext context, UserManager<AppUser> users)
    {
        var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var principal = result.Principal;
        var user = principal?.GetClaim(Claims.Subject) is { } sub ? await users.FindByIdAsync(sub) : null;
        if (principal is null || user is null)
        {
            return Results.Challenge(AuthorizeEndpoint.Error(Errors.InvalidToken, "The access token does not belong to a known user."),
                [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        var claims = new Dictionary<string, object>(StringComparer.Ordinal) { [Claims.Subject] = user.Id };
        if (principal.HasScope(IdentityScopes.Profile)) claims[Claims.Name] = user.DisplayName;
        if (principal.HasScope(IdentityScopes.Email))
        {
            claims[Claims.Email] = user.Email!;
            claims[Claims.EmailVerified] = user.EmailConfirmed;
        }
        if (principal.HasScope(IdentityScopes.Roles)) claims[Claims.Role] = user.Role;
        return Results.Ok(claims);
    }
}
