using System.Net.Http.Headers;
using BffPlatform.BffHosting.Tokens;
using BffPlatform.BffHosting.Upstream;
using BffPlatform.Contracts.Common;
using BffPlatform.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;
using Yarp.ReverseProxy.Transforms;

namespace BffPlatform.BffHosting.Proxy;

/// <summary>
/// YARP pass-through to core-api for calls a door forwards as-is (bff-web's staff product editing):
/// the door names the routes and their token (<see cref="CoreProxyRoutes"/>); this owns the cluster,
/// its breaker, the headers core-api must not see and the 503/504 Problem Details.
/// </summary>
public static class CoreProxySetup
{
    public const string ClusterId = "core-api";

    /// <summary>What a client sends that core-api must never see: its cookies, its anti-forgery header, its own credentials.</summary>
    private static readonly string[] StrippedRequestHeaders = ["Cookie", "X-CSRF", "Authorization"];

    public static WebApplicationBuilder AddCoreProxy(this WebApplicationBuilder builder, Action<CoreProxyRoutes> configure)
    {
        CoreApiClientsSetup.AddCoreApiOptions(builder);
        TokenSetup.AddCore(builder.Services);
        var routes = new CoreProxyRoutes();
        configure(routes);
        // YARP takes its clusters when the proxy is built: read the section here (validated at start like every option).
        var core = builder.Configuration.GetSection(CoreApiOptions.SectionName).Get<CoreApiOptions>() ?? new CoreApiOptions();

        builder.Services.AddReverseProxy()
            .LoadFromMemory(routes.Routes, [Cluster(core)])
            .AddTransforms(context =>
            {
                if (context.Route.ClusterId != ClusterId
                    || context.Route.Metadata?.GetValueOrDefault(CoreProxyRoutes.TokenMetadata) is not { } named
                    || !Enum.TryParse<UpstreamToken>(named, out var choice))
                {
                    return;
                }
                foreach (var header in StrippedRequestHeaders)
                {
                    context.AddRequestHeaderRemove(header);
                }
                context.AddRequestTransform(async transform =>
                {
                    var http = transform.HttpContext;
                    var tokens = http.RequestServices.GetRequiredService<UpstreamTokens>();
                    if (await tokens.GetAsync(http, choice, http.RequestAborted) is { Length: > 0 } token)
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

    private static ClusterConfig Cluster(CoreApiOptions core) => new()
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
    };
}
