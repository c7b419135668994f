using BffPlatform.CoreApi.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BffPlatform.CoreApi.Sync;

/// <summary>
/// Deletes change rows older than the retention that a later change of the same order supersedes,
/// every <see cref="SyncOptions.CleanupInterval"/> (on the TimeProvider, so tests move time). An
/// order's latest change is never deleted: a sync from the start (no token) stays a full sync, and
/// no token the feed still honours can miss an order's current state.
/// </summary>
public sealed partial class OrderChangeCleanup(
    IServiceScopeFactory scopes, TimeProvider time, IOptions<SyncOptions> options, ILogger<OrderChangeCleanup> logger)
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
                    LogCleaned(logger, await CleanupOnceAsync(stoppingToken));
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

    /// <summary>Deletes the superseded rows past the retention; returns how many.</summary>
    public async Task<int> CleanupOnceAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - options.Value.Retention;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
        return await db.OrderChanges
            .Where(c => c.ChangedAt < cutoff && db.OrderChanges.Any(later => later.OrderId == c.OrderId && later.Sequence > c.Sequence))
            .ExecuteDeleteAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Deleted {Count} superseded order change rows")]
    private static partial void LogCleaned(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order change cleanup failed; retrying at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
