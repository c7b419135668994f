using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;

namespace BffPlatform.BffHosting.Tokens;

/// <summary>Attaches the token a Refit client's registration chose (see <see cref="UpstreamToken"/>) to its calls to core-api.</summary>
internal sealed class UpstreamTokenHandler(IHttpContextAccessor accessor, UpstreamTokens tokens, UpstreamToken choice) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (await tokens.GetAsync(accessor.HttpContext, choice, cancellationToken) is { Length: > 0 } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return await base.SendAsync(request, cancellationToken);
    }
}
