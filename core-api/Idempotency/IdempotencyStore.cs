using BffPlatform.CoreApi.Data;
using BffPlatform.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BffPlatform.CoreApi.Idempotency;

/// <summary>What a claim found.</summary>
public abstract record ClaimOutcome
{
    /// <summary>The key is ours: run the operation, then <see cref="IdempotencyStore.CompleteAsync"/> or <see cref="IdempotencyStore.ReleaseAsync"/>.</summary>
    public sealed record Claimed(long RecordId) : ClaimOutcome;
    /// <summary>The key already answered this same request: replay the answer.</summary>
    public sealed record Completed(int Status, string? ContentType, string Body, string? Location) : ClaimOutcome;
    /// <summary>The key was used for a different request.</summary>
    public sealed record Reused : ClaimOutcome;
    /// <summary>The first request with this key is still running.</summary>
    public sealed record InFlight : ClaimOutcome;
}

/// <summary>
/// Claims, completes and releases idempotency records. The claim is an INSERT arbitrated by the
/// unique (Scope, Key) index, so exactly one of any number of concurrent requests wins on every
/// provider, with no locks held while the operation runs.
/// </summary>
public sealed class IdempotencyStore(CoreDbContext db, TimeProvider time, IOptions<IdempotencyOptions> options)
{
    public async Task<ClaimOutcome> ClaimAsync(string scope, string key, string requestHash, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        // A few rounds: the record we collided with may be released or expire between our read
        // and our INSERT; after that, another claimant wins and we report in-flight.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var now = time.GetUtcNow();
            // Read first: retries of a completed request (the common case) then cost no failed
            // INSERT (and no error in the database log); only true races reach the index.
            var existing = await db.IdempotencyRecords.AsNoTracking()
                .FirstOrDefaultAsync(r => r.Scope == scope && r.Key == key, cancellationToken);
            if (existing is not null)
            {
                var stale = existing.ExpiresAt <= now ||
                            (existing.Status == IdempotencyStatus.InFlight && now - existing.CreatedAt >= settings.InFlightTimeout);
                if (stale)
                {
                    // Conditional on the row we saw, so two takers cannot both delete a fresh claim.
                    await db.IdempotencyRecords
                        .Where(r => r.Id == existing.Id && r.Status == existing.Status)
                        .ExecuteDeleteAsync(cancellationToken);
                    continue;
                }
                if (existing.RequestHash != requestHash)
                {
                    return new ClaimOutcome.Reused();
                }
                return existing.Status == IdempotencyStatus.Completed
                    ? new ClaimOutcome.Completed(existing.ResponseStatus ?? StatusCodes.Status200OK, existing.ContentType, existing.ResponseBody ?? "", existing.ResponseLocation)
                    : new ClaimOutcome.InFlight();
            }

            var record = new IdempotencyRecord
            {
                Scope = scope,
                Key = key,
                RequestHash = requestHash,
                Status = IdempotencyStatus.InFlight,
                CreatedAt = now,
                ExpiresAt = now + settings.Retention,
            };
            db.IdempotencyRecords.Add(record);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return new ClaimOutcome.Claimed(record.Id);
            }
            catch (DbUpdateException e) when (!TransientDatabaseError.Is(e))
            {
                // The unique index said no: a concurrent request claimed the key first. Read it.
                // (A locked or unavailable database is no race: it goes up as 503 database_unavailable.)
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
        return new ClaimOutcome.InFlight();
    }

    /// <summary>
    /// Stores the answer. Runs on the DbContext's current transaction when there is one, so an
    /// answer is stored exactly when the change it describes commits. Throws when the claim is no
    /// longer ours (taken over after <see cref="IdempotencyOptions.InFlightTimeout"/>), which rolls
    /// the caller's transaction back.
    /// </summary>
    public async Task CompleteAsync(long recordId, StoredResponse response, CancellationToken cancellationToken)
    {
        var updated = await db.IdempotencyRecords
            .Where(r => r.Id == recordId && r.Status == IdempotencyStatus.InFlight)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, IdempotencyStatus.Completed)
                .SetProperty(r => r.ResponseStatus, response.Status)
                .SetProperty(r => r.ContentType, response.ContentType)
                .SetProperty(r => r.ResponseBody, response.Body)
                .SetProperty(r => r.ResponseLocation, response.Location), cancellationToken);
        if (updated != 1)
        {
            throw new InvalidOperationException($"Idempotency record {recordId} is no longer claimed by this request.");
        }
    }

    /// <summary>Gives the key back so a retry can run (after a failure that stored no answer).</summary>
    public async Task ReleaseAsync(long recordId)
    {
        // Not the request's token: the request may be failing precisely because it was aborted,
        // and a claim left behind would answer 409 until InFlightTimeout.
        await db.IdempotencyRecords
            .Where(r => r.Id == recordId && r.Status == IdempotencyStatus.InFlight)
            .ExecuteDeleteAsync(CancellationToken.None);
    }
}
