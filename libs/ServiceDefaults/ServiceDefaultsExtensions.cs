using BffPlatform.ServiceDefaults.Health;
using BffPlatform.ServiceDefaults.Json;
using BffPlatform.ServiceDefaults.Problems;
using BffPlatform.ServiceDefaults.Proxies;
using BffPlatform.ServiceDefaults.Security;
using BffPlatform.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace BffPlatform.ServiceDefaults;

public static class ServiceDefaultsExtensions
{
    /// <summary>
    /// Problem Details for every error, strict JSON, health checks, OpenTelemetry, request limits,
    /// security headers and forwarded headers from trusted proxies only: what every BffPlatform service starts with.
    /// </summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.AddPlatformProblemDetails();
        builder.Services.AddPlatformJson();
        builder.AddPlatformHealthChecks();
        builder.AddPlatformTelemetry();
        builder.AddPlatformRequestLimits();
        builder.AddPlatformSecurityHeaders();
        builder.AddPlatformForwardedHeaders();
        return builder;
    }

    /// <summary>
    /// The client's address and scheme from trusted proxies, security headers, exception handling,
    /// Problem Details for bare status codes and for URLs over the limit, and the health endpoints.
    /// </summary>
    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        app.UsePlatformForwardedHeaders();
        app.UsePlatformSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestTargetLimit>();
        app.MapHealthEndpoints();
        return app;
    }
}
