using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Partners;
using BffPlatform.ServiceDefaults.Auth;
using BffPlatform.ServiceDefaults.Problems;

namespace BffPlatform.CoreApi.Partners;

/// <summary>
/// Honours <see cref="PartnerHeaders"/> on every endpoint of the API, after authorization: only a
/// service token with <c>partners.act</c> (public-api's) may name a partner, the partner must
/// exist and be active, and the environment must be <c>live</c> or <c>test</c>. Any other token
/// naming a partner is refused (403) rather than ignored, so a misrouted header is noticed.
/// </summary>
public sealed class PartnerActingFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var headers = http.Request.Headers;
        var named = headers.ContainsKey(PartnerHeaders.Partner) || headers.ContainsKey(PartnerHeaders.Environment);
        var actor = http.User.IsServiceCaller() && http.User.HasScope(Scopes.PartnersAct);
        if (!named)
        {
            if (actor && http.GetEndpoint()?.Metadata.GetMetadata<PartnerRequiredMetadata>() is not null)
            {
                return Problem.Of(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, "Name the partner this call is for.",
                    $"A partners.act token acts only for a partner here: send {PartnerHeaders.Partner} and {PartnerHeaders.Environment}.");
            }
            return await next(context);
        }
        if (!actor)
        {
            return Problem.Of(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, "This caller may not act for a partner.",
                $"{PartnerHeaders.Partner} and {PartnerHeaders.Environment} are honoured only on public-api's token (scope partners.act).");
        }

        var errors = new Dictionary<string, string[]>();
        var id = headers[PartnerHeaders.Partner];
        var partnerId = Guid.Empty;
        if (id.Count != 1 || !Guid.TryParseExact(id.ToString(), "D", out partnerId))
            errors[PartnerHeaders.Partner] = ["Exactly one partner id (a GUID)."];
        var environment = headers[PartnerHeaders.Environment].ToString();
        if (environment is not (PartnerEnvironments.Live or PartnerEnvironments.Test))
            errors[PartnerHeaders.Environment] = [$"Exactly one of {PartnerEnvironments.Live}, {PartnerEnvironments.Test}."];
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var partners = http.RequestServices.GetRequiredService<ActivePartners>();
        if (!await partners.IsActiveAsync(http.RequestServices, partnerId, http.RequestAborted))
        {
            return Problem.Of(StatusCodes.Status403Forbidden, ErrorCodes.PartnerInactive, "The partner is unknown or inactive.",
                "Calls for a partner that does not exist or was deactivated are refused.");
        }
        http.Features.Set(new PartnerCaller(partnerId, environment));
        return await next(context);
    }
}
