using System.Text;
using BffPlatform.Contracts.Common;
using BffPlatform.ServiceDefaults.Problems;

namespace BffPlatform.CoreApi.Idempotency;

/// <summary>
/// The operation's handle on its claim: <see cref="SealAsync"/> renders the final answer and
/// stores it under the key. Call it inside the operation's transaction, before committing.
/// </summary>
public sealed class IdempotencyClaim(IdempotencyStore store, HttpContext http, long recordId)
{
    public bool IsSealed { get; private set; }

    /// <summary>Renders <paramref name="result"/> as it would be written, stores it, and returns what writes it.</summary>
    public async Task<IResult> SealAsync(IResult result, CancellationToken cancellationToken)
    {
        var rendered = await RenderAsync(http, result);
        await store.CompleteAsync(recordId, rendered, cancellationToken);
        IsSealed = true;
        return rendered;
    }

    /// <summary>Runs the result against a buffer: the same bytes (Problem Details customisation included) as a direct write.</summary>
    private static async Task<StoredResponse> RenderAsync(HttpContext http, IResult result)
    {
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await result.ExecuteAsync(http);
            await http.Response.BodyWriter.FlushAsync();
        }
        finally
        {
            http.Response.Body = original;
        }
        var location = http.Response.Headers.Location.ToString();
        return new StoredResponse(http.Response.StatusCode, http.Response.ContentType, Encoding.UTF8.GetString(buffer.ToArray()),
            string.IsNullOrEmpty(location) ? null : location, Replayed: false);
    }
}

/// <summary>A stored answer, written as stored; replays say so in <c>Idempotency-Replayed: true</c>.</summary>
public sealed record StoredResponse(int Status, string? ContentType, string Body, string? Location, bool Replayed) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = Status;
        if (Replayed)
        {
            response.Headers[IdempotencyHeaders.Replayed] = "true";
        }
        if (ContentType is not null)
        {
            response.ContentType = ContentType;
        }
        if (Location is not null)
        {
            response.Headers.Location = Location;
        }
        await response.WriteAsync(Body, Encoding.UTF8, httpContext.RequestAborted);
    }
}

public static class IdempotentExecution
{
    /// <summary>
    /// Claims the key, then runs <paramref name="operation"/> once; replays, refuses a reused key
    /// (422) or a key still in flight (409). What the operation answers is stored — its business
    /// refusals included (see the operations) — and an exception releases the claim, so a retry
    /// after a 5xx runs again instead of replaying the failure.
    /// </summary>
    public static async Task<IResult> RunAsync(
        this IdempotencyStore store, HttpContext http, string scope, string key, string requestHash,
        Func<IdempotencyClaim, CancellationToken, Task<IResult>> operation, CancellationToken cancellationToken)
    {
        var outcome = await store.ClaimAsync(scope, key, requestHash, cancellationToken);
        switch (outcome)
        {
            case ClaimOutcome.Completed done:
                return new StoredResponse(done.Status, done.ContentType, done.Body, done.Location, Replayed: true);
            case ClaimOutcome.Reused:
                return Problem.Of(StatusCodes.Status422UnprocessableEntity, ErrorCodes.IdempotencyKeyReused,
                    "The Idempotency-Key was used for a different request.",
                    "Use a new key for a new request; send a key again only to retry the very same request.");
            case ClaimOutcome.InFlight:
                return Problem.Of(StatusCodes.Status409Conflict, ErrorCodes.IdempotencyRequestInFlight,
                    "A request with this Idempotency-Key is still being processed.",
                    "Retry later with the same key to get its answer.");
        }

        var claimed = (ClaimOutcome.Claimed)outcome;
        var claim = new IdempotencyClaim(store, http, claimed.RecordId);
        try
        {
            var result = await operation(claim, cancellationToken);
            if (claim.IsSealed)
            {
                return result;
            }
            if (result is IStatusCodeHttpResult { StatusCode: StatusCodes.Status400BadRequest })
            {
                // The request's shape, checked by the endpoint before it did anything: not stored,
                // so fixing a typo needs no new key. (Refusals that depend on state are sealed.)
                await store.ReleaseAsync(claimed.RecordId);
                return result;
            }
            return await claim.SealAsync(result, cancellationToken);
        }
        catch
        {
            // Deletes the claim only while it is still in flight in the database: an answer whose
            // transaction committed stays, one whose transaction rolled back frees the key.
            await store.ReleaseAsync(claimed.RecordId);
            throw;
        }
    }
}
