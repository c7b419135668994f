using System.Diagnostics.Metrics;

namespace BffPlatform.PublicApi.Usage;

/// <summary>
/// <c>bffplatform.usage.uncounted</c>: partner requests served without being counted because the
/// shared counters (Redis) could not be reached, exported with every other <c>BffPlatform.*</c> meter
/// (docs/observability.md). Usage then reads low by this much.
/// </summary>
public static class UsageMetrics
{
    public const string MeterName = "BffPlatform.Usage";
    public const string UncountedName = "bffplatform.usage.uncounted";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> UncountedRequests = Meter.CreateCounter<long>(UncountedName, "{request}", "Partner requests served uncounted: Redis unreachable.");

    internal static void Uncounted() => UncountedRequests.Add(1);
}
