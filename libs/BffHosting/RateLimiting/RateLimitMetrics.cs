using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Http;

namespace BffPlatform.BffHosting.RateLimiting;

/// <summary>
/// <c>bffplatform.rate_limit.rejections</c>: requests a door refused with 429, by policy, exported
/// with every other <c>BffPlatform.*</c> meter (docs/observability.md; the alert on it is in
/// deploy/k8s/base/prometheus). A static meter: the middleware writes one line per rejection.
/// </summary>
public static class RateLimitMetrics
{
    public const string MeterName = "BffPlatform.RateLimiting";
    public const string RejectionsName = "bffplatform.rate_limit.rejections";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Rejections = Meter.CreateCounter<long>(RejectionsName, "{request}", "Requests refused with 429 by the door's rate limit.");

    /// <summary>Tagged with the policy the endpoint asked for (a partner's plan where it picks one): a handful of values.</summary>
    internal static void Rejected(DoorRateLimitMetadata metadata, HttpContext context) =>
        Rejections.Add(1, new TagList { { "policy", metadata.PolicyOf?.Invoke(context) ?? metadata.Policy } });
}
