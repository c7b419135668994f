using BffPlatform.PublicApi.Webhooks.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BffPlatform.PublicApi.Webhooks.Retention;

/// <summary>What one pruning round removed.</summary>
public sealed record PruneResult(int Attempts, int Deliveries, int Messages, int IdempotencyRecords);

/// <summary>
/// Keeps the webhook database to its retention: every <see cref="WebhookOptions.CleanupInterval"/> it
/// deletes attempts older than <see cref="WebhookOptions.Retention"/>, deliveries that finished
/// (succeeded or given up) before it, messages none of whose deliveries remain, and expired
/// idempotency records. A pending delivery is never pruned, whatever its age: it is still being
/// tried (and is given up after MaxAge first). Any instance may run it; the deletes are idempotent.
/// </summary>
public sealed partial class WebhookRetention(
    IDbContextFactory<WebhookDbContext> contexts, TimeProvider time, IOptions<WebhookOptions> options, ILogger<WebhookRetention> logger)
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
                    var pruned = await PruneAsync(time.GetUtcNow(), stoppingToken);
                    LogPruned(logger, pruned.Attempts, pruned.Deliveries, pruned.Messages, pruned.IdempotencyRecords);
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

    /// <summary>One round as of <paramref name="now"/>.</summary>
    public async Task<PruneResult> PruneAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var before = now - options.Value.Retention;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var attempts = await db.DeliveryAttempts.Where(a => a.AttemptedAt < before).ExecuteDeleteAsync(cancellationToken);
        var deliveries = await db.Deliveries
            .Where(d => d.Status != DeliveryStatus.Pending && d.CompletedAt < before)
            .ExecuteDeleteAsync(cancellationToken);
        var messages = await db.Messages
            .Where(m => m.CreatedAt < before && !db.Deliveries.Any(d => d.MessageId == m.Id))
            .ExecuteDeleteAsync(cancellationToken);
        var idempotency = await db.IdempotencyRecords.Where(r => r.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
        return new PruneResult(attempts, deliveries, messages, idempotency);
    }

    [LoggerMessage(Level = LogLevel.Debug,
        Message = "Webhook retention deleted {Attempts} attempts, {Deliveries} deliveries, {Messages} messages and {Idempotency} idempotency records")]
    private static partial void LogPruned(ILogger logger, int attempts, int deliveries, int messages, int idempotency);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook retention failed; retrying at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
