using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication;

namespace BffPlatform.BffWeb.Upstream;

/// <summary>Attaches the signed-in user's access token (already refreshed by the cookie events) to calls to core-api.</summary>
internal sealed class UserAccessTokenHandler(IHttpContextAccessor accessor) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (accessor.HttpContext is { } context && await AccessTokenAsync(context) is { Length: > 0 } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return await base.SendAsync(request, cancellationToken);
    }

    private static ValueTask<string?> AccessTokenAsync(HttpContext context)
    {
        // The authentication middleware already authenticated the default (cookie) scheme and kept
        // its result, refreshed tokens included: read the token there rather than resolving the
        // authentication service and asking the cookie handler again on every call (bench/bff-web.sh).
        if (context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult is { Succeeded: true } result)
        {
            return ValueTask.FromResult(result.Properties?.GetTokenValue("access_token"));
        }
        return new ValueTask<string?>(context.GetTokenAsync("access_token"));
    }
}
