using BffPlatform.BffHosting.Tokens;
using Yarp.ReverseProxy.Configuration;

namespace BffPlatform.BffHosting.Proxy;

/// <summary>The paths a door forwards to core-api unchanged, and which token each carries.</summary>
public sealed class CoreProxyRoutes
{
    internal const string TokenMetadata = "BffHosting.UpstreamToken";
    private static readonly string[] DefaultMethods = ["GET", "HEAD", "POST", "PUT", "DELETE"];
    private readonly List<RouteConfig> _routes = [];

    internal IReadOnlyList<RouteConfig> Routes => _routes;

    /// <summary>
    /// <c>{doorPrefix}/{**rest}</c> → core-api's <c>{corePrefix}/{**rest}</c> (query kept), e.g.
    /// <c>Forward("/api/core/products", "/api/v1/products", UpstreamToken.User)</c>.
    /// </summary>
    /// <param name="authorizationPolicy">ASP.NET Core policy the caller must pass first; <c>"default"</c> is any signed-in caller, <c>"anonymous"</c> anyone.</param>
    public CoreProxyRoutes Forward(string doorPrefix, string corePrefix, UpstreamToken token, string authorizationPolicy = "default", IReadOnlyList<string>? methods = null)
    {
        if (!doorPrefix.StartsWith('/') || doorPrefix.EndsWith('/') || !corePrefix.StartsWith('/') || corePrefix.EndsWith('/'))
        {
            throw new ArgumentException($"Prefixes start with '/' and do not end with one (got '{doorPrefix}' → '{corePrefix}').");
        }
        _routes.Add(new RouteConfig
        {
            RouteId = "core-api" + doorPrefix.Replace('/', '-'),
            ClusterId = CoreProxySetup.ClusterId,
            AuthorizationPolicy = authorizationPolicy,
            Match = new RouteMatch { Path = doorPrefix + "/{**rest}", Methods = [.. methods ?? DefaultMethods] },
            Metadata = new Dictionary<string, string> { [TokenMetadata] = token.ToString() },
            Transforms =
            [
                new Dictionary<string, string> { ["PathRemovePrefix"] = doorPrefix },
                new Dictionary<string, string> { ["PathPrefix"] = corePrefix },
            ],
        });
        return this;
    }
}
