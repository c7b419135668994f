using System.Net;
using Microsoft.Extensions.Options;

namespace BffPlatform.ServiceDefaults.Proxies;

/// <summary>
/// Reverse proxies (the Ingress, a load balancer) whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c>
/// are believed, bound from <c>ForwardedHeaders</c> in every service. Empty (the default): the client's
/// address and scheme are the connection's, and the headers are ignored, whoever sends them.
/// </summary>
public sealed class TrustedProxiesOptions
{
    public const string SectionName = "ForwardedHeaders";

    /// <summary>Proxy addresses, e.g. <c>10.0.0.5</c>.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR notation, e.g. <c>10.0.0.0/8</c>.</summary>
    public string[] KnownNetworks { get; set; } = [];
}

internal sealed class TrustedProxiesOptionsValidator : IValidateOptions<TrustedProxiesOptions>
{
    public ValidateOptionsResult Validate(string? name, TrustedProxiesOptions options)
    {
        const string key = TrustedProxiesOptions.SectionName;
        var failures = new List<string>();
        foreach (var proxy in options.KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
        {
            failures.Add($"{key}:KnownProxies: '{proxy}' is not an IP address.");
        }
        foreach (var network in options.KnownNetworks.Where(n => !IPNetwork.TryParse(n, out _)))
        {
            failures.Add($"{key}:KnownNetworks: '{network}' is not a network in CIDR notation (10.0.0.0/8).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
