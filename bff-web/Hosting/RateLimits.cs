using BffPlatform.BffHosting.RateLimiting;
using BffPlatform.ServiceDefaults.Auth;

namespace BffPlatform.BffWeb.Hosting;

/// <summary>
/// bff-web's own SPA is not limited by default (<c>RateLimiting:Enabled</c> false); switched on, each
/// signed-in user has their quota and each visitor's address its own.
/// </summary>
public static class RateLimits
{
    public const string Policy = "default";

    public static WebApplicationBuilder AddBffRateLimiting(this WebApplicationBuilder builder) =>
        builder.AddDoorRateLimiting(context => context.User.SubjectId() is { } sub
            ? "sub:" + sub
            : "ip:" + context.Connection.RemoteIpAddress);
}
