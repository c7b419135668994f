using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.LoadBalancing;

namespace BffPlatform.LocalBalancer;

/// <summary>YARP's routes and clusters for <see cref="BalancerOptions"/>: a service per listening port.</summary>
internal static class BalancerConfig
{
    public static (IReadOnlyList<RouteConfig> Routes, IReadOnlyList<ClusterConfig> Clusters) From(BalancerOptions options)
    {
        var routes = new List<RouteConfig>();
        var clusters = new List<ClusterConfig>();
        foreach (var (name, service) in options.Services)
        {
            routes.Add(new RouteConfig
            {
                RouteId = name,
                ClusterId = name,
                // Matched by the port the client called: every service keeps its usual public port.
                Match = new RouteMatch { Path = "/{**rest}", Hosts = [$"*:{service.Port}"] },
                // The instance sees the address the browser used (sign-in redirect URIs, cookies), as behind an Ingress.
                Transforms = [new Dictionary<string, string> { ["RequestHeaderOriginalHost"] = "true" }],
            });
            clusters.Add(new ClusterConfig
            {
                ClusterId = name,
                LoadBalancingPolicy = LoadBalancingPolicies.RoundRobin,
                HealthCheck = new HealthCheckConfig
                {
                    Active = new ActiveHealthCheckConfig
                    {
                        Enabled = true,
                        Interval = options.HealthInterval,
                        Timeout = options.HealthInterval,
                        Policy = HealthCheckConstants.ActivePolicy.ConsecutiveFailures,
                        Path = options.HealthPath,
                    },
                },
                Destinations = service.Destinations.Select((address, i) => (address, i))
                    .ToDictionary(d => $"{name}-{d.i + 1}", d => new DestinationConfig { Address = d.address }),
            });
        }
        return (routes, clusters);
    }
}
