using BffPlatform.Identity.Sessions;
using BffPlatform.Identity.SignOut;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;

namespace BffPlatform.Identity.Connect;

internal static class EndSessionEndpoint
{
    /// <summary>
    /// RP-initiated logout. OpenIddict has checked post_logout_redirect_uri against the client's
    /// registration and validated any id_token_hint; this revokes the hinted sign-in's whole
    /// authorization (an app's refresh tokens die with it), ends the identity session, sends
    /// back-channel logout tokens to every client of the session, then lets OpenIddict redirect.
    /// </summary>
    public static async Task<IResult> HandleAsync(
        HttpContext context, SessionTerminator terminator, AuthorizationRevoker revoker, CancellationToken ct)
    {
        var hint = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (hint.Principal?.GetAuthorizationId() is { Length: > 0 } authorizationId)
        {
            await revoker.RevokeAsync(authorizationId, ct);
        }

        var cookie = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (cookie.Succeeded)
        {
            await terminator.EndAsync(cookie.Principal!, ct);
            await context.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
        // Without a (valid) post_logout_redirect_uri the user lands on identity's own page.
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }
}
