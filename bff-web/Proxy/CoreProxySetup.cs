using BffPlatform.ServiceDefaults.Problems;
using System.Net.Http.Headers;
using BffPlatform.BffWeb.Authentication;
using BffPlatform.BffWeb.Upstream;
using BffPlatform.Contracts.Common;
using Microsoft.AspNetCore.Authentication;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;
using Yarp.ReverseProxy.Transforms;

namespace BffPlatform.BffWeb.Proxy;

/// <summary>
/// YARP pass-through for core-api calls the SPA makes as-is (staff product editing):
/// <c>/api/core/{prefix}/...</c> → core-api <c>/api/v1/{prefix}/...</c> for an allow-list of
/// prefixes, with the user's access token attached and the browser's cookie and X-CSRF removed.
/// </summary>
public static class CoreProxySetup
{
    public const string ClusterId = "core-api";
    private const string RoutePrefix = "core-";
    private static readonly string[] Methods = ["GET", "HEAD", "POST", "PUT", "DELETE"];

    public static WebApplicationBuilder AddCoreProxy(this WebApplicationBuilder builder)
    {
        var core = builder.Configuration.GetSection(CoreApiOptions.SectionName).Get<CoreApiOptions>() ?? new CoreApiOptions();
        var routes = core.EffectivePassThroughPrefixes.Select(prefix => new RouteConfig
        {
            RouteId = RoutePrefix + prefix,
            ClusterId = ClusterId,
            // Any signed-in user; core-api decides what the user may do (staff for writes).
            AuthorizationPolicy = "default",
            Match = new RouteMatch { Path = $"/api/core/{prefix}/{{**rest}}", Methods = Methods },
            Transforms =
            [
                new Dictionary<string, string> { ["PathRemovePrefix"] = "/api/core" },
                new Dictionary<string, string> { ["PathPrefix"] = "/api/v1" },
            ],
        }).ToList();
        var clusters = new[]
        {
            new ClusterConfig
            {
                ClusterId = ClusterId,
                Destinations = new Dictionary<string, DestinationConfig> { ["core-api"] = new() { Address = core.BaseAddress } },
                HttpRequest = new ForwarderRequestConfig { ActivityTimeout = core.TotalTimeout },
                // The pass-through's circuit breaker: after repeated transport failures core-api is
                // taken out for BreakDuration and calls fail fast with 503 instead of each waiting
                // for a connection; "HealthyAndUnknown" keeps YARP from trying it anyway ("panic").
                HealthCheck = new HealthCheckConfig
                {
                    AvailableDestinationsPolicy = HealthCheckConstants.AvailableDestinations.HealthyAndUnknown,
                    Passive = new PassiveHealthCheckConfig
                    {
                        Enabled = true,
                        Policy = HealthCheckConstants.PassivePolicy.TransportFailureRate,
                        ReactivationPeriod = core.BreakDuration,
                    },
                },
            },
        };

        builder.Services.AddReverseProxy()
            .LoadFromMemory(routes, clusters)
            .AddTransforms(context =>
            {
                if (!context.Route.RouteId.StartsWith(RoutePrefix, StringComparison.Ordinal))
                {
                    return;
                }
                // core-api must see neither the browser's session cookie nor anything it could mistake for credentials.
                context.AddRequestHeaderRemove("Cookie");
                context.AddRequestHeaderRemove(CsrfHeaderMiddleware.HeaderName);
                context.AddRequestHeaderRemove("Authorization");
                context.AddRequestTransform(async transform =>
                {
                    if (await transform.HttpContext.GetTokenAsync("access_token") is { Length: > 0 } token)
                    {
                        transform.ProxyRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    }
                });
                context.AddResponseHeaderRemove("Set-Cookie");
            });
        return builder;
    }

    /// <summary>Maps the proxy routes; a destination that cannot be reached answers 503/504 Problem Details.</summary>
    public static IEndpointConventionBuilder MapCoreProxy(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapReverseProxy(proxy =>
        {
            proxy.Use(async (context, next) =>
            {
                var feature = context.GetReverseProxyFeature();
                if (feature.AvailableDestinations.Count == 0)
                {
                    // The breaker is open (see the cluster's passive health check).
                    await ProblemWriter.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, ErrorCodes.UpstreamUnavailable,
                        "core-api is unavailable.", "Calls are paused after repeated failures; try again shortly.");
                    return;
                }
                await next();
                if (context.GetForwarderErrorFeature() is { } error && !context.Response.HasStarted)
                {
                    var timeout = error.Error is ForwarderError.RequestTimedOut;
                    await ProblemWriter.WriteAsync(context,
                        timeout ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status503ServiceUnavailable,
                        timeout ? ErrorCodes.UpstreamTimeout : ErrorCodes.UpstreamUnavailable,
                        timeout ? "core-api did not answer in time." : "core-api is unavailable.");
                }
            });
            proxy.UsePassiveHealthChecks();
        });
}
