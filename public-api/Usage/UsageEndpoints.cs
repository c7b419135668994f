using BffPlatform.BffHosting.Upstream;
using BffPlatform.Contracts.Clients;
using BffPlatform.Contracts.Partners;
using BffPlatform.PublicApi.Keys;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BffPlatform.PublicApi.Usage;

public static class UsageEndpoints
{
    /// <summary><c>GET usage</c>: the partner's requests and rejections per key and UTC day, as every instance reported them.</summary>
    public static RouteGroupBuilder MapUsageEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/usage").WithTags("Usage");
        group.MapGet("", GetAsync)
            .WithSummary("Requests and rejections (429, 403) per key and UTC day, for every key of the partner.")
            .WithDescription("Instances report every minute, so today's figures trail by about that much. Secret keys only.");
        return group;
    }

    private static async Task<Results<UpstreamOk<IReadOnlyList<UsageDayDto>>, UpstreamProblem>> GetAsync(
        HttpContext http, ICorePartnersApi core, [FromQuery] DateOnly? from, [FromQuery] DateOnly? to, CancellationToken cancellationToken)
    {
        if (http.User.KeyKind() == ApiKeyKinds.Publishable)
        {
            return UpstreamProblem.Of(StatusCodes.Status403Forbidden, Contracts.Common.ErrorCodes.Forbidden,
                "Publishable keys cannot read usage.", "Read usage from your server with a secret key.");
        }
        return UpstreamResults.Ok(await core.GetUsageAsync(http.User.PartnerId()!.Value, from, to, cancellationToken));
    }
}
