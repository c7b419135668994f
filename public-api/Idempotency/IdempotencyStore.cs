using BffPlatform.PublicApi.Webhooks.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BffPlatform.PublicApi.Idempotency;

/// <summary>What a claim found (the outcomes of core-api's store, answered the same way).</summary>
public abstract record ClaimOutcome
{
    public sealed record Claimed(long RecordId) : ClaimOutcome;
    public sealed record Completed(StoredResponse Answer) : ClaimOutcome;
    public sealed record Reused : ClaimOutcome;
    public sealed record InFlight : ClaimOutcome;
}

/// <summary>
/// Claims, completes and releases idempotency records in the webhook database. The claim is an
/// INSERT arbitrated by the unique (Scope, Key) index and committed on its own, so a concurrent
/// request with the key sees it in flight while the operation runs, with no lock held meanwhile.
/// </summary>
public sealed class IdempotencyStore(WebhookDbContext db, IDataProtectionProvider protection, TimeProvider time, IOptions<IdempotencyOptions> options)
{
    private readonly IDataProtector _protector = protection.CreateProtector("BffPlatform.PublicApi.Idempotency.Response.v1");

    public async Task<ClaimOutcome> ClaimAsync(string scope, string key, string requestHash, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        // A few rounds: the record we collided with may be released or expire between our read and
        // our INSERT; after that, another claimant wins and we report in flight.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var now = time.GetUtcNow();
            var existing = await db.IdempotencyRecords.AsNoTracking()
                .FirstOrDefaultAsync(r => r.Scope == scope && r.Key == key, cancellationToken);
            if (existing is not null)
            {
                var stale = existing.ExpiresAt <= now ||
                            (existing.Status == IdempotencyStatus.InFlight && now - existing.CreatedAt >= settings.InFlightTimeout);
                if (stale)
                {
                    // Conditional on the row we saw, so two takers cannot both delete a fresh claim.
                    await db.IdempotencyRecords.Where(r => r.Id == existing.Id && r.Status == existing.Status)
                        .ExecuteDeleteAsync(cancellationToken);
                    continue;
                }
                if (existing.RequestHash != requestHash)
                {
                    return new ClaimOutcome.Reused();
                }
                return existing.Status == IdempotencyStatus.Completed
                    ? new ClaimOutcome.Completed(new StoredResponse(existing.ResponseStatus ?? StatusCodes.Status200OK, existing.ContentType,
                        existing.ResponseBody is { } body ? _protector.Unprotect(body) : "", existing.ResponseLocation, Replayed: true))
                    : new ClaimOutcome.InFlight();
            }

            var record = new IdempotencyRecord
            {
                Scope = scope,
                Key = key,
                RequestHash = requestHash,
                CreatedAt = now,
                ExpiresAt = now + settings.Retention,
            };
            db.IdempotencyRecords.Add(record);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return new ClaimOutcome.Claimed(record.Id);
            }
            catch (DbUpdateException)
            {
                // The unique index said no: a concurrent request claimed the key first. Read it.
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
        return new ClaimOutcome.InFlight();
    }

    /// <summary>
    /// Stores the answer on the context's current transaction, so it is stored exactly when the change
    /// it describes commits. Throws when the claim is no longer ours, which rolls the change back.
    /// </summary>
    public async Task CompleteAsync(long recordId, StoredResponse response, CancellationToken cancellationToken)
    {
        var body = _protector.Protect(response.Body);
        var updated = await db.IdempotencyRecords
            .Where(r => r.Id == recordId && r.Status == IdempotencyStatus.InFlight)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, IdempotencyStatus.Completed)
                .SetProperty(r => r.ResponseStatus, response.Status)
                .SetProperty(r => r.ContentType, response.ContentType)
                .SetProperty(r => r.ResponseBody, body)
                .SetProperty(r => r.ResponseLocation, response.Location), cancellationToken);
        if (updated != 1)
        {
            throw new InvalidOperationException($"Idempotency record {recordId} is no longer claimed by this request.");
        }
    }

    /// <summary>Gives the key back so a retry can run (after a failure that stored no answer).</summary>
    public async Task ReleaseAsync(long recordId)
    {
        // Not the request's token: the request may be failing because it was aborted, and a claim
        // left behind would answer 409 until InFlightTimeout.
        await db.IdempotencyRecords.Where(r => r.Id == recordId && r.Status == IdempotencyStatus.InFlight)
            .ExecuteDeleteAsync(CancellationToken.None);
    }
}
