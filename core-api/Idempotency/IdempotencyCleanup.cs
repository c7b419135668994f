using BffPlatform.CoreApi.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BffPlatform.CoreApi.Idempotency;

/// <summary>
/// Deletes expired idempotency records every <see cref="IdempotencyOptions.CleanupInterval"/>
/// (driven by the TimeProvider, so tests move time instead of waiting). A claim also replaces an
/// expired record of its own key, so correctness never depends on this service having run.
/// </summary>
public sealed partial class IdempotencyCleanup(
    IServiceScopeFactory scopes, TimeProvider time, IOptions<IdempotencyOptions> options, ILogger<IdempotencyCleanup> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CleanupInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    var deleted = await CleanupOnceAsync(stoppingToken);
                    LogCleaned(logger, deleted);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A failed round (database briefly unavailable) is retried at the next tick.
                    LogFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Deletes every record whose retention has passed; returns how many.</summary>
    public async Task<int> CleanupOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
        return await db.IdempotencyRecords.Where(r => r.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Deleted {Count} expired idempotency records")]
    private static partial void LogCleaned(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Idempotency cleanup failed; retrying at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
