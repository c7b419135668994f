using BffPlatform.BffHosting.Tokens;
using BffPlatform.Contracts.Partners;
using BffPlatform.PublicApi.Keys;

namespace BffPlatform.PublicApi.Upstream;

/// <summary>
/// Tells core-api which partner a call is for (<see cref="PartnerHeaders"/>), on public-api's own
/// token (<c>partners.act</c>): the partner and environment the request's API key proved, never
/// anything the request named. Without a proven partner the call is not made at all: core-api would
/// otherwise take it as public-api's own, which reads every partner's orders.
/// </summary>
internal sealed class PartnerActingHandler(IHttpContextAccessor accessor) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var user = accessor.HttpContext?.User;
        if (user?.PartnerId() is not { } partner || user.PartnerEnvironment() is not { Length: > 0 } environment)
        {
            throw new UpstreamTokenException("A call for a partner was made without a partner proven by an API key.");
        }
        request.Headers.Remove(PartnerHeaders.Partner);
        request.Headers.Remove(PartnerHeaders.Environment);
        request.Headers.Add(PartnerHeaders.Partner, partner.ToString("D"));
        request.Headers.Add(PartnerHeaders.Environment, environment);
        return base.SendAsync(request, cancellationToken);
    }
}
