using System.Diagnostics.Metrics;
using BffPlatform.ServiceDefaults.Telemetry;
using Microsoft.EntityFrameworkCore;

namespace BffPlatform.BffWeb.Sessions;

/// <summary>
/// <c>bffplatform.sessions.active</c>: unexpired server-side sessions in the session store, the
/// same number on every instance (it counts the shared store, not this process's users).
/// </summary>
internal sealed class ActiveSessionsGauge(IMeterFactory meters, IDbContextFactory<SessionDbContext> databases, TimeProvider time,
    ILogger<ActiveSessionsGauge> logger)
    : SampledGauge(meters, MeterName, InstrumentName, "{session}", "Unexpired server-side sessions.", time, logger)
{
    public const string MeterName = "BffPlatform.Sessions";
    public const string InstrumentName = "bffplatform.sessions.active";

    protected override async Task<double?> SampleAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var now = Time.GetUtcNow().UtcDateTime;
        return await db.Sessions.CountAsync(s => s.ExpiresAt > now, cancellationToken);
    }
}
