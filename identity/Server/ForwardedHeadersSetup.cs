using System.Net;
using BffPlatform.Identity.Configuration;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace BffPlatform.Identity.Server;

internal static class ForwardedHeadersSetup
{
    /// <summary>
    /// The client's address comes from <c>X-Forwarded-For</c> only when the connection comes from a
    /// proxy listed in <c>Identity:ForwardedHeaders</c>; otherwise anyone could pick the address the
    /// per-IP sign-in throttle counts against.
    /// </summary>
    public static void AddTrustedProxies(this IServiceCollection services) =>
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<IdentityServerOptions>>((forwarded, identity) =>
        {
            var proxies = identity.Value.ForwardedHeaders;
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
            // ASP.NET Core trusts loopback proxies out of the box: only the configured ones count here.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // The obsolete list still holds the loopback default.
            forwarded.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
            foreach (var proxy in proxies.KnownProxies) forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in proxies.KnownNetworks) forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
}
