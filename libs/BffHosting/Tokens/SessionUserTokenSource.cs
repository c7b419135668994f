using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace BffPlatform.BffHosting.Tokens;

/// <summary>The signed-in user's access token, kept in the cookie session (and refreshed by the door's cookie events).</summary>
internal sealed class SessionUserTokenSource : IUserTokenSource
{
    public ValueTask<string?> GetAsync(HttpContext context, CancellationToken cancellationToken)
    {
        // The authentication middleware already authenticated the default (cookie) scheme and kept
        // its result, refreshed tokens included: read the token there rather than resolving the
        // authentication service and asking the cookie handler again on every call (bench/bff-web.sh).
        if (context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult is { } result)
        {
            return ValueTask.FromResult(result.Succeeded ? result.Properties?.GetTokenValue("access_token") : null);
        }
        return new ValueTask<string?>(context.GetTokenAsync("access_token"));
    }
}
