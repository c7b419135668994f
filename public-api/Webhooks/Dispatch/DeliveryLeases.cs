using BffPlatform.PublicApi.Webhooks.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BffPlatform.PublicApi.Webhooks.Dispatch;

/// <summary>
/// Claims due deliveries for one dispatcher. A claim is a conditional update of the due rows (free
/// or lease expired → ours until now + LeaseDuration): on SQLite the round runs in one write
/// transaction; on PostgreSQL (read committed) an UPDATE that waited for another dispatcher's row
/// lock re-checks its condition on the row as committed and skips it, so two dispatchers never hold
/// the same delivery (ScaledOut.Tests/Webhooks proves it with two instances). A dispatcher that dies
/// leaves its claims to expire.
/// </summary>
internal sealed class DeliveryLeases(IDbContextFactory<WebhookDbContext> contexts, IOptions<WebhookOptions> options, TimeProvider time)
{
    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(int max, CancellationToken cancellationToken)
    {
        var token = Guid.NewGuid();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // On PostgreSQL a transient failure re-runs the claim (EF Core's execution strategy); the
        // token is the same, so rows claimed by a round whose commit was in doubt are still found.
        await db.Database.CreateExecutionStrategy().ExecuteAsync(ct => ClaimRoundAsync(token, max, ct), cancellationToken);
        return await db.Deliveries.AsNoTracking()
            .Where(d => d.LeaseToken == token)
            .Select(d => new ClaimedDelivery(
                d.Id, token, d.Attempts, d.CreatedAt, d.MessageId, d.Message!.Payload, d.EndpointId,
                d.Endpoint!.Url, d.Endpoint.Secret, d.Endpoint.PreviousSecret, d.Endpoint.PreviousSecretExpiresAt,
                d.Message.TraceParent, d.Message.TraceState))
            .ToListAsync(cancellationToken);
    }

    private async Task ClaimRoundAsync(Guid token, int max, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var until = now + options.Value.LeaseDuration;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var due = await db.Deliveries.AsNoTracking()
                .Where(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now
                    && (d.LeaseExpiresAt == null || d.LeaseExpiresAt <= now) && d.Endpoint!.Enabled)
                .OrderBy(d => d.NextAttemptAt)
                .Select(d => d.Id)
                .Take(max)
                .ToListAsync(cancellationToken);
            if (due.Count == 0)
            {
                return;
            }
            // One statement claims the round; the lease condition is repeated on each row so that on a
            // server database a row another dispatcher claimed meanwhile is skipped, not taken over.
            await db.Deliveries
                .Where(d => due.Contains(d.Id) && d.Status == DeliveryStatus.Pending && (d.LeaseExpiresAt == null || d.LeaseExpiresAt <= now))
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseToken, token).SetProperty(d => d.LeaseExpiresAt, until), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }
}
