namespace BffPlatform.BffWeb.Management;

public static class ManagementSetup
{
    /// <summary>Back-channel logout validation with an in-memory jti replay cache.</summary>
    public static WebApplicationBuilder AddBffManagement(this WebApplicationBuilder builder)
    {
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<IReplayCache, MemoryReplayCache>();
        builder.Services.AddSingleton<LogoutTokenValidator>();
        return builder;
    }
}
