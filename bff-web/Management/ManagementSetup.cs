using BffPlatform.ServiceDefaults.Redis;

namespace BffPlatform.BffWeb.Management;

public static class ManagementSetup
{
    /// <summary>Back-channel logout validation with a jti replay cache: in memory, or in Redis when configured.</summary>
    public static WebApplicationBuilder AddBffManagement(this WebApplicationBuilder builder)
    {
        if (builder.AddPlatformRedis())
        {
            builder.Services.AddSingleton<IReplayCache, RedisReplayCache>();
        }
        else
        {
            builder.Services.AddMemoryCache();
            builder.Services.AddSingleton<IReplayCache, MemoryReplayCache>();
        }
        builder.Services.AddSingleton<LogoutTokenValidator>();
        return builder;
    }
}
