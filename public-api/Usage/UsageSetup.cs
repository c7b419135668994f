using BffPlatform.ServiceDefaults.Options;

namespace BffPlatform.PublicApi.Usage;

public static class UsageSetup
{
    /// <summary>Counters per key and day, reported to core-api by <see cref="UsageReporter"/>; <see cref="UsageOptions"/> from <c>Usage</c>.</summary>
    public static WebApplicationBuilder AddUsage(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<UsageOptions>(builder.Configuration, UsageOptions.SectionName);
        builder.Services.AddSingleton<UsageCounters>();
        builder.Services.AddSingleton<UsageReporter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<UsageReporter>());
        return builder;
    }

    /// <summary>After authentication (the key), before authorization and the limiter (whose refusals count as rejections).</summary>
    public static IApplicationBuilder UseUsageCounting(this IApplicationBuilder app) => app.UseMiddleware<UsageCountingMiddleware>();
}
