using BffPlatform.BffHosting.RateLimiting;
using BffPlatform.ServiceDefaults.Auth;
using BffPlatform.ServiceDefaults.Options;

namespace BffPlatform.BffMobile.Hosting;

/// <summary>The app's API: one prefix, one rate-limit policy per user, one app-version rule.</summary>
public static class MobileApi
{
    public const string Prefix = "/mobile/v1";
    public const string RateLimitPolicy = "mobile";

    public static WebApplicationBuilder AddMobileApiRules(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<AppVersionOptions, AppVersionOptionsValidator>(builder.Configuration, AppVersionOptions.SectionName);
        // Each signed-in user has their quota; visitors share one per address.
        builder.AddDoorRateLimiting(context => context.User.SubjectId() is { } sub
            ? "sub:" + sub
            : "ip:" + context.Connection.RemoteIpAddress);
        return builder;
    }

    public static IApplicationBuilder UseAppVersionCheck(this IApplicationBuilder app) => app.UseMiddleware<AppVersionMiddleware>();
}
