using System.ComponentModel.DataAnnotations;

namespace BffPlatform.LocalBalancer;

/// <summary>
/// Bound from <c>Balancer</c>: one entry per balanced service, e.g.
/// <c>Balancer:Services:bff-web:Port=5300</c>, <c>Balancer:Services:bff-web:Destinations:0=http://127.0.0.1:41234</c>.
/// </summary>
public sealed class BalancerOptions
{
    public const string SectionName = "Balancer";

    [Required, MinLength(1)]
    public Dictionary<string, BalancedService> Services { get; set; } = [];

    /// <summary>What every destination is probed on; a destination that fails it gets no traffic until it passes.</summary>
    [Required]
    public string HealthPath { get; set; } = "/health/ready";

    [Range(typeof(TimeSpan), "00:00:00.200", "00:01:00")]
    public TimeSpan HealthInterval { get; set; } = TimeSpan.FromSeconds(2);
}

public sealed class BalancedService
{
    /// <summary>The loopback port the balancer listens on for this service (its usual public port).</summary>
    public int Port { get; set; }

    public List<string> Destinations { get; set; } = [];
}
