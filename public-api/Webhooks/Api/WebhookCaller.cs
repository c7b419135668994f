using System.Security.Claims;
using BffPlatform.Contracts.Partners;
using BffPlatform.PublicApi.Keys;

namespace BffPlatform.PublicApi.Webhooks.Api;

/// <summary>The partner and environment an API key proved: every query of the webhook API is cut to these, never to what the request names.</summary>
internal readonly record struct WebhookCaller(Guid PartnerId, string Environment)
{
    public static WebhookCaller? From(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ApiKeyClaims.PartnerId), out var partner)
        && user.FindFirstValue(ApiKeyClaims.Environment) is PartnerEnvironments.Live or PartnerEnvironments.Test
            ? new WebhookCaller(partner, user.FindFirstValue(ApiKeyClaims.Environment)!)
            : null;
}
