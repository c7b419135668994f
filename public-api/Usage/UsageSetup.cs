using BffPlatform.ServiceDefaults.Options;
using BffPlatform.ServiceDefaults.Redis;

namespace BffPlatform.PublicApi.Usage;

public static class UsageSetup
{
    /// <summary>
    /// Counters per key and day (in memory, or in Redis shared by every instance when <c>Redis:Configuration</c>
    /// is set), reported to core-api by <see cref="UsageReporter"/>; <see cref="UsageOptions"/> from <c>Usage</c>.
    /// </summary>
    public static WebApplicationBuilder AddUsage(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<UsageOptions>(builder.Configuration, UsageOptions.SectionName);
        if (builder.AddPlatformRedis())
        {
            builder.Services.AddSingleton<UsageCounters, RedisUsageCounters>();
        }
        else
        {
            builder.Services.AddSingleton<UsageCounters, MemoryUsageCounters>();
        }
        builder.Services.AddSingleton<UsageReporter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<UsageReporter>());
        return builder;
    }

    /// <summary>After authentication (the key), before authorization and the limiter (whose refusals count as rejections).</summary>
    public static IApplicationBuilder UseUsageCounting(this IApplicationBuilder app) => app.UseMiddleware<UsageCountingMiddleware>();
}
