using Microsoft.Extensions.Options;

namespace BffPlatform.BffWeb.Sessions;

/// <summary>Deletes expired sessions periodically, so the store does not grow with abandoned browsers.</summary>
internal sealed partial class ExpiredSessionCleanup(
    IUserSessionStore store,
    TimeProvider time,
    IOptionsMonitor<BffSessionOptions> options,
    ILogger<ExpiredSessionCleanup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.CurrentValue.CleanupInterval, time);
        do
        {
            await RunOnceAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    internal async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var deleted = await store.DeleteExpiredAsync(time.GetUtcNow().UtcDateTime, cancellationToken);
            if (deleted > 0)
            {
                LogDeleted(logger, deleted);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A failed sweep is retried at the next tick; it must not stop the service.
            LogFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} expired sessions")]
    private static partial void LogDeleted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Expired-session cleanup failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
