using BffPlatform.ServiceDefaults.Options;
using BffPlatform.ServiceDefaults.Redis;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace BffPlatform.BffHosting.RateLimiting;

public static class RateLimitingSetup
{
    /// <summary>
    /// Rate limits from <c>RateLimiting</c> (<see cref="RateLimitingOptions"/>, validated at start),
    /// partitioned by <paramref name="partitionKey"/> (the user's <c>sub</c>, an API key id...; null
    /// puts the request in one partition shared by all such callers). The counters live in process memory,
    /// or in Redis, shared by every instance of the door, when <c>Redis:Configuration</c> is set.
    /// </summary>
    public static WebApplicationBuilder AddDoorRateLimiting(this WebApplicationBuilder builder, Func<HttpContext, string?> partitionKey)
    {
        builder.Services.AddValidatedOptions<RateLimitingOptions, RateLimitingOptionsValidator>(builder.Configuration, RateLimitingOptions.SectionName);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(new DoorRateLimitPartition(partitionKey));
        if (builder.AddPlatformRedis())
        {
            // One door's counters apart from another's: bff-mobile and public-api may name the same policy.
            var door = builder.Environment.ApplicationName;
            builder.Services.AddSingleton<QuotaFactory>(sp =>
            {
                var redis = sp.GetRequiredService<IConnectionMultiplexer>();
                var prefix = sp.GetRequiredService<IOptions<RedisOptions>>().Value.KeyPrefix;
                return (policy, name, quota, _) => new RedisQuota(name, quota, redis, $"{prefix}ratelimit:{door}:{policy}:{name}:");
            });
        }
        else
        {
            builder.Services.AddSingleton<QuotaFactory>(sp =>
            {
                var time = sp.GetRequiredService<TimeProvider>();
                return (_, name, quota, burst) => new MemoryQuota(name, quota, burst, time);
            });
        }
        builder.Services.AddSingleton<DoorRateLimiter>();
        return builder;
    }

    /// <summary>After authentication (the partition key may be the user), before the endpoints.</summary>
    public static IApplicationBuilder UseDoorRateLimiting(this IApplicationBuilder app) => app.UseMiddleware<DoorRateLimitingMiddleware>();

    /// <summary>Limits these endpoints by <paramref name="policy"/> (a key of <c>RateLimiting:Policies</c>) when rate limiting is enabled.</summary>
    public static TBuilder RequireDoorRateLimit<TBuilder>(this TBuilder builder, string policy) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new DoorRateLimitMetadata(policy));

    /// <summary>
    /// Limits these endpoints by the policy <paramref name="policyOf"/> picks per request (e.g. the plan
    /// an API key's partner is on), or by <paramref name="fallbackPolicy"/> when it picks none or one
    /// <c>RateLimiting:Policies</c> does not define.
    /// </summary>
    public static TBuilder RequireDoorRateLimit<TBuilder>(this TBuilder builder, string fallbackPolicy, Func<HttpContext, string?> policyOf)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new DoorRateLimitMetadata(fallbackPolicy, policyOf));
}
