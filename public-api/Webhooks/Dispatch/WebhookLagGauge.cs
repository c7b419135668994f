using System.Diagnostics.Metrics;
using BffPlatform.PublicApi.Webhooks.Data;
using BffPlatform.ServiceDefaults.Telemetry;
using Microsoft.EntityFrameworkCore;

namespace BffPlatform.PublicApi.Webhooks.Dispatch;

/// <summary>
/// <c>bffplatform.webhooks.lag</c>: the age in seconds of the oldest delivery still pending (0 when
/// none is), read from the shared webhook database, so every instance reports the same lag.
/// A receiver that is down for hours shows here as well as a stuck dispatcher does: the alert
/// (deploy/k8s/base/prometheus) gives it the retry schedule's first hour before it fires.
/// </summary>
internal sealed class WebhookLagGauge(IMeterFactory meters, IDbContextFactory<WebhookDbContext> databases, TimeProvider time,
    ILogger<WebhookLagGauge> logger)
    : SampledGauge(meters, MeterName, InstrumentName, "s", "Age of the oldest pending webhook delivery.", time, logger)
{
    public const string MeterName = "BffPlatform.Webhooks";
    public const string InstrumentName = "bffplatform.webhooks.lag";

    protected override async Task<double?> SampleAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var oldest = await db.Deliveries.Where(d => d.Status == DeliveryStatus.Pending)
            .OrderBy(d => d.CreatedAt).Select(d => (DateTimeOffset?)d.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        return oldest is { } createdAt ? Math.Max(0, (Time.GetUtcNow() - createdAt).TotalSeconds) : 0;
    }
}
