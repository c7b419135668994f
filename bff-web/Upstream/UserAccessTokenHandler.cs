using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication;

namespace BffPlatform.BffWeb.Upstream;

/// <summary>Attaches the signed-in user's access token (already refreshed by the cookie events) to calls to core-api.</summary>
internal sealed class UserAccessTokenHandler(IHttpContextAccessor accessor) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (accessor.HttpContext is { } context && await context.GetTokenAsync("access_token") is { Length: > 0 } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return await base.SendAsync(request, cancellationToken);
    }
}
