using Microsoft.AspNetCore.Authentication;
using Microsoft.Net.Http.Headers;

namespace BffPlatform.BffMobile.Authentication;

/// <summary>
/// An app that sends a token it should not (expired, tampered, meant for another audience) must hear
/// so: the catalog's endpoints allow visitors, and without this such a request would quietly be
/// served as a visitor's and the app would never learn that its sign-in is gone. Any
/// <c>Authorization</c> header that did not authenticate is answered with the bearer challenge
/// (401 Problem Details, <c>WWW-Authenticate: Bearer error="invalid_token"</c>).
/// </summary>
internal sealed class PresentedTokenMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated != true && context.Request.Headers.ContainsKey(HeaderNames.Authorization))
        {
            return context.ChallengeAsync();
        }
        return next(context);
    }
}
