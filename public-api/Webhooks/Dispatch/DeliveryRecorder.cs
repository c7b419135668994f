using BffPlatform.PublicApi.Webhooks.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BffPlatform.PublicApi.Webhooks.Dispatch;

/// <summary>
/// Writes what a round of sends came to, in one transaction, and only where this dispatcher still
/// holds the lease (a lease that expired belongs to whoever took it next). A success resets the
/// endpoint's failure count; a failure schedules the next try or gives the delivery up, a 410
/// disables the endpoint, and an endpoint that fails for long enough is disabled. Every send is
/// kept as an attempt row for the delivery log, whoever holds the lease now: it happened.
/// </summary>
internal sealed class DeliveryRecorder(IDbContextFactory<WebhookDbContext> contexts, IOptions<WebhookOptions> options, TimeProvider time)
{
    public const string GoneReason = "The receiver answered 410 Gone.";

    public async Task RecordAsync(IReadOnlyList<(ClaimedDelivery Delivery, SendResult Result)> outcomes, CancellationToken cancellationToken)
    {
        if (outcomes.Count == 0)
        {
            return;
        }
        await using var strategyDb = await contexts.CreateDbContextAsync(cancellationToken);
        // On PostgreSQL a transient failure re-runs the whole round (EF Core's execution strategy).
        await strategyDb.Database.CreateExecutionStrategy().ExecuteAsync(
            ct => RecordRoundAsync(outcomes, ct), cancellationToken);
    }

    private async Task RecordRoundAsync(IReadOnlyList<(ClaimedDelivery Delivery, SendResult Result)> outcomes, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.DeliveryAttempts.AddRange(outcomes.Select(x => new WebhookDeliveryAttempt
        {
            DeliveryId = x.Delivery.Id,
            Number = x.Delivery.Attempts + 1,
            AttemptedAt = now,
            StatusCode = x.Result.StatusCode,
            Succeeded = x.Result.Succeeded,
            Error = Truncate(x.Result.Error),
            DurationMs = (int)Math.Min(int.MaxValue, x.Result.Duration.TotalMilliseconds),
        }));
        await db.SaveChangesAsync(cancellationToken);
        // Successes, the common case, in a statement per status code (all of a round share its lease token).
        foreach (var succeeded in outcomes.Where(x => x.Result.Succeeded).GroupBy(x => x.Result.StatusCode))
        {
            var ids = succeeded.Select(x => x.Delivery.Id).ToList();
            var token = succeeded.First().Delivery.LeaseToken;
            await db.Deliveries.Where(d => ids.Contains(d.Id) && d.LeaseToken == token).ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, DeliveryStatus.Succeeded)
                .SetProperty(d => d.Attempts, d => d.Attempts + 1)
                .SetProperty(d => d.LastAttemptAt, now)
                .SetProperty(d => d.LastStatusCode, succeeded.Key)
                .SetProperty(d => d.LastError, (string?)null)
                .SetProperty(d => d.CompletedAt, now)
                .SetProperty(d => d.LeaseToken, (Guid?)null)
                .SetProperty(d => d.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken);
            var endpoints = succeeded.Select(x => x.Delivery.EndpointId).Distinct().ToList();
            await db.Endpoints.Where(e => endpoints.Contains(e.Id) && e.ConsecutiveFailures > 0)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.ConsecutiveFailures, 0).SetProperty(e => e.FailingSince, (DateTimeOffset?)null), cancellationToken);
        }
        foreach (var (delivery, result) in outcomes.Where(x => !x.Result.Succeeded))
        {
            var attempts = delivery.Attempts + 1;
            var error = Truncate(result.Error);
            var gone = result.StatusCode == StatusCodes.Status410Gone;
            var next = now + RetrySchedule.Delay(o, attempts, result.RetryAfter, Random.Shared.NextDouble());
            var giveUp = gone || attempts >= o.MaxAttempts || next - delivery.CreatedAt > o.MaxAge;
            var recorded = await Mine(db, delivery).ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, giveUp ? DeliveryStatus.Failed : DeliveryStatus.Pending)
                .SetProperty(d => d.Attempts, attempts)
                .SetProperty(d => d.NextAttemptAt, giveUp ? now : next)
                .SetProperty(d => d.LastAttemptAt, now)
                .SetProperty(d => d.LastStatusCode, result.StatusCode)
                .SetProperty(d => d.LastError, error)
                .SetProperty(d => d.CompletedAt, giveUp ? now : null)
                .SetProperty(d => d.LeaseToken, (Guid?)null)
                .SetProperty(d => d.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken);
            if (recorded == 0)
            {
                continue;
            }
            if (gone)
            {
                await db.Endpoints.Where(e => e.Id == delivery.EndpointId && e.Enabled)
                    .ExecuteUpdateAsync(s => s.SetProperty(e => e.Enabled, false).SetProperty(e => e.DisabledReason, GoneReason).SetProperty(e => e.UpdatedAt, now), cancellationToken);
                continue;
            }
            await db.Endpoints.Where(e => e.Id == delivery.EndpointId)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(e => e.ConsecutiveFailures, e => e.ConsecutiveFailures + 1)
                    .SetProperty(e => e.FailingSince, e => e.FailingSince ?? now), cancellationToken);
            var failingSince = now - o.DisableAfterFailingFor;
            await db.Endpoints
                .Where(e => e.Id == delivery.EndpointId && e.Enabled && e.ConsecutiveFailures >= o.DisableAfterFailures && e.FailingSince <= failingSince)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(e => e.Enabled, false)
                    .SetProperty(e => e.DisabledReason, $"Every delivery failed for {o.DisableAfterFailingFor.TotalHours:0.#} h.")
                    .SetProperty(e => e.UpdatedAt, now), cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    private static string? Truncate(string? error) =>
        error is { Length: > WebhookDelivery.ErrorMaxLength } long_ ? long_[..WebhookDelivery.ErrorMaxLength] : error;

    private static IQueryable<WebhookDelivery> Mine(WebhookDbContext db, ClaimedDelivery delivery) =>
        db.Deliveries.Where(d => d.Id == delivery.Id && d.LeaseToken == delivery.LeaseToken);
}
