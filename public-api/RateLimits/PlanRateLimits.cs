using BffPlatform.BffHosting.RateLimiting;
using BffPlatform.PublicApi.Keys;

namespace BffPlatform.PublicApi.RateLimits;

/// <summary>
/// Limits per API key, by the partner's plan: each plan is a policy under <c>RateLimiting:Policies</c>
/// (a burst and a sustained quota), and core-api's verification of the key says which plan the
/// partner is on. A plan the configuration does not define is limited as <see cref="FallbackPlan"/>.
/// </summary>
public static class PlanRateLimits
{
    public const string FallbackPlan = "free";

    public static WebApplicationBuilder AddPlanRateLimiting(this WebApplicationBuilder builder) =>
        builder.AddDoorRateLimiting(context => context.User.KeyId()?.ToString("N"));

    /// <summary>Limits these endpoints by the plan of the key's partner.</summary>
    public static TBuilder RequirePlanRateLimit<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireDoorRateLimit(FallbackPlan, context => context.User.Plan());
}
