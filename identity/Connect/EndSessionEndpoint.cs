using BffPlatform.Identity.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Server.AspNetCore;

namespace BffPlatform.Identity.Connect;

internal static class EndSessionEndpoint
{
    /// <summary>
    /// RP-initiated logout. OpenIddict has checked post_logout_redirect_uri against the client's
    /// registration; this ends the identity session, sends back-channel logout tokens to every
    /// client of the session, then lets OpenIddict redirect.
    /// </summary>
    public static async Task<IResult> HandleAsync(HttpContext context, SessionTerminator terminator, CancellationToken ct)
    {
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
