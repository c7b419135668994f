using BffPlatform.BffHosting.RateLimiting;
using BffPlatform.PublicApi.Keys;
using BffPlatform.PublicApi.RateLimits;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace BffPlatform.PublicApi.Ping;

public static class PingEndpoints
{
    /// <summary><c>GET ping</c>: any valid key; echoes its partner, scopes and current limits without calling core-api.</summary>
    public static RouteHandlerBuilder MapPingEndpoint(this RouteGroupBuilder api) =>
        api.MapGet("/ping", Ping)
            .WithTags("Ping")
            .WithSummary("Check a key: its partner, kind, environment, scopes, plan and current limits.");

    private static Ok<PingDto> Ping(HttpContext http, IOptions<RateLimitingOptions> limits)
    {
        var user = http.User;
        var plan = user.Plan() ?? PlanRateLimits.FallbackPlan;
        var options = limits.Value;
        // The plan that limits this key: its own when configured, else the fallback (as the limiter does).
        var policy = options.Policies.GetValueOrDefault(plan) ?? options.Policies.GetValueOrDefault(PlanRateLimits.FallbackPlan);
        IReadOnlyList<QuotaDto> quotas = !options.Enabled || policy is null ? [] :
        [
            .. new[] { (policy.Burst, "burst"), (policy.Sustained, "sustained") }
                .Where(q => q.Item1 is not null)
                .Select(q => new QuotaDto(q.Item1!.Name ?? q.Item2, q.Item1.Permits, (long)q.Item1.Window.TotalSeconds)),
        ];
        var headers = http.Response.Headers;
        return TypedResults.Ok(new PingDto(
            user.PartnerId()!.Value, user.FindFirst(ApiKeyClaims.PartnerName)?.Value ?? "", user.KeyId()!.Value,
            user.KeyKind() ?? "", user.PartnerEnvironment() ?? "", user.PartnerScopes(), plan, quotas,
            headers["RateLimit"].FirstOrDefault(), headers["RateLimit-Policy"].FirstOrDefault()));
    }
}
