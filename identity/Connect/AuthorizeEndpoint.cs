using System.Security.Claims;
using BffPlatform.Identity.Configuration;
using BffPlatform.Identity.Data;
using BffPlatform.Identity.Sessions;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace BffPlatform.Identity.Connect;

internal static class AuthorizeEndpoint
{
    /// <summary>
    /// OpenIddict has validated client, redirect URI, PKCE and scopes; this signs the user in
    /// (sign-in page when needed) and issues the code. First-party clients only: no consent screen.
    /// </summary>
    public static async Task<IResult> HandleAsync(
        HttpContext context, UserManager<AppUser> users, SessionRegistry sessions, IOptions<IdentityServerOptions> options, CancellationToken ct)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");

        var cookie = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var user = cookie.Succeeded ? await users.GetUserAsync(cookie.Principal) : null;
        var sid = cookie.Principal?.FindFirstValue(TokenClaims.SessionId);
        if (user is null || string.IsNullOrEmpty(sid) || await users.IsLockedOutAsync(user))
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Results.Forbid(Error(Errors.LoginRequired, "The user is not signed in."), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
            }
            // Back to this very request after the sign-in page.
            var returnUrl = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
            return Results.Challenge(new AuthenticationProperties { RedirectUri = returnUrl }, [IdentityConstants.ApplicationScheme]);
        }

        var identity = TokenClaims.NewIdentity().SetUser(user);
        identity.SetClaim(TokenClaims.SessionId, sid);
        identity.SetScopes(request.GetScopes());
        // Access tokens are for core-api unless the client names its own audiences (mobile-app: only
        // bff-mobile, which exchanges them). Refreshes keep what the code carried.
        var audiences = options.Value.Clients.TryGetValue(request.ClientId!, out var client) && client.Audiences.Length > 0
            ? client.Audiences
            : [Contracts.Common.Scopes.Audience];
        identity.SetResources(audiences);
        identity.WithDestinations();

        await sessions.RecordClientAsync(sid, request.ClientId!, user.Id, ct);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    internal static AuthenticationProperties Error(string error, string description) => new(new Dictionary<string, string?>
    {
        [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
    });
}
