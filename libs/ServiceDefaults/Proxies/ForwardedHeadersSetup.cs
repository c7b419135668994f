using System.Net;
using BffPlatform.ServiceDefaults.Options;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BffPlatform.ServiceDefaults.Proxies;

public static class ForwardedHeadersSetup
{
    /// <summary>
    /// The client's address and scheme come from <c>X-Forwarded-For</c> / <c>X-Forwarded-Proto</c> only
    /// when the connection comes from a proxy in <c>ForwardedHeaders</c> (<see cref="TrustedProxiesOptions"/>);
    /// otherwise anyone could pick the address a rate limit or sign-in throttle counts against.
    /// </summary>
    internal static void AddPlatformForwardedHeaders(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<TrustedProxiesOptions, TrustedProxiesOptionsValidator>(builder.Configuration, TrustedProxiesOptions.SectionName);
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrustedProxiesOptions>>((forwarded, trusted) =>
        {
            // With both lists empty the middleware believes every peer (it checks addresses only when a
            // list has entries): no proxy configured means no header is read at all.
            var any = trusted.Value.KnownProxies.Length > 0 || trusted.Value.KnownNetworks.Length > 0;
            forwarded.ForwardedHeaders = any ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto : ForwardedHeaders.None;
            // ASP.NET Core trusts loopback proxies out of the box: only the configured ones count here.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // The obsolete list still holds the loopback default.
            forwarded.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
            // Invalid entries stop the start-up (the validator); the parse here only skips them meanwhile.
            foreach (var proxy in trusted.Value.KnownProxies)
            {
                if (IPAddress.TryParse(proxy, out var address)) forwarded.KnownProxies.Add(address);
            }
            foreach (var network in trusted.Value.KnownNetworks)
            {
                if (System.Net.IPNetwork.TryParse(network, out var parsed)) forwarded.KnownIPNetworks.Add(parsed);
            }
        });
    }

    /// <summary>First in the pipeline: everything after it (limits, throttles, https checks, logs) sees the real client.</summary>
    internal static void UsePlatformForwardedHeaders(this WebApplication app) => app.UseForwardedHeaders();
}
