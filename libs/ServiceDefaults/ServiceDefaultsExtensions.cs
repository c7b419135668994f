using BffPlatform.ServiceDefaults.Health;
using BffPlatform.ServiceDefaults.Json;
using BffPlatform.ServiceDefaults.Problems;
using BffPlatform.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace BffPlatform.ServiceDefaults;

public static class ServiceDefaultsExtensions
{
    /// <summary>
    /// Problem Details for every error, strict JSON, health checks, OpenTelemetry and request
    /// limits: what every BffPlatform service starts with.
    /// </summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.AddPlatformProblemDetails();
        builder.Services.AddPlatformJson();
        builder.AddPlatformHealthChecks();
        builder.AddPlatformTelemetry();
        builder.AddPlatformRequestLimits();
        return builder;
    }

    /// <summary>Exception handling, Problem Details for bare status codes, and the health endpoints.</summary>
    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapHealthEndpoints();
        return app;
    }
}
