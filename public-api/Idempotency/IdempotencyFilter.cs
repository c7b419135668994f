using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BffPlatform.BffHosting.Upstream;
using BffPlatform.Contracts.Common;
using BffPlatform.PublicApi.Webhooks.Api;
using BffPlatform.PublicApi.Webhooks.Data;
using BffPlatform.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BffPlatform.PublicApi.Idempotency;

/// <summary>
/// Runs a POST that public-api answers itself under its <c>Idempotency-Key</c>, with core-api's
/// contract (same codes, same titles): the key is claimed for the partner, its environment and the
/// operation; a retry of the same request replays the first answer, the key on another request is
/// 422, and 409 while the first still runs. The operation and its stored answer commit in one
/// transaction, so a retry can never find the change made and no answer kept (or the reverse).
/// </summary>
internal sealed class IdempotencyFilter(string operation, Type? bodyType) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (WebhookCaller.From(http.User) is not { } caller)
        {
            return await next(context); // the endpoint refuses a key that names no partner
        }
        var store = http.RequestServices.GetRequiredService<IdempotencyStore>();
        var scope = $"partner:{caller.PartnerId:D}:{caller.Environment}:{operation}";
        var outcome = await store.ClaimAsync(scope, http.IdempotencyKey(), Fingerprint(context), http.RequestAborted);
        switch (outcome)
        {
            case ClaimOutcome.Completed done:
                return done.Answer;
            case ClaimOutcome.Reused:
                return Problem.Of(StatusCodes.Status422UnprocessableEntity, ErrorCodes.IdempotencyKeyReused,
                    "The Idempotency-Key was used for a different request.",
                    "Use a new key for a new request; send a key again only to retry the very same request.");
            case ClaimOutcome.InFlight:
                return Problem.Of(StatusCodes.Status409Conflict, ErrorCodes.IdempotencyRequestInFlight,
                    "A request with this Idempotency-Key is still being processed.",
                    "Retry later with the same key to get its answer.");
        }

        var recordId = ((ClaimOutcome.Claimed)outcome).RecordId;
        var db = http.RequestServices.GetRequiredService<WebhookDbContext>();
        try
        {
            // On PostgreSQL a transient failure re-runs the operation and its completion together.
            return await db.Database.CreateExecutionStrategy().ExecuteAsync(async cancellationToken =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var result = await next(context) as IResult
                    ?? throw new InvalidOperationException($"An endpoint under {nameof(IdempotencyFilter)} must answer an IResult ({operation}).");
                // Typed endpoints answer Results<...>: the status is on the result inside.
                var inner = result is INestedHttpResult nested ? nested.Result : result;
                if (inner is IStatusCodeHttpResult { StatusCode: StatusCodes.Status400BadRequest })
                {
                    // The request's shape, checked before anything was done: not stored, so fixing a
                    // typo needs no new key (as in core-api). Refusals that depend on state are stored.
                    await transaction.RollbackAsync(cancellationToken);
                    await store.ReleaseAsync(recordId);
                    return result;
                }
                var answer = await StoredResponse.RenderAsync(http, result);
                await store.CompleteAsync(recordId, answer, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return (IResult)answer;
            }, http.RequestAborted);
        }
        catch
        {
            // Frees the key only while no answer is stored: a committed answer stays.
            await store.ReleaseAsync(recordId);
            throw;
        }
    }

    /// <summary>
    /// The operation, the path (the endpoint and delivery it names) and the re-serialised body, not
    /// the raw bytes: whitespace or member order must not make a retry look like a different request.
    /// </summary>
    private string Fingerprint(EndpointFilterInvocationContext context)
    {
        var http = context.HttpContext;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{operation}\n{http.Request.Path.Value}\n"));
        if (bodyType is not null && context.Arguments.FirstOrDefault(bodyType.IsInstanceOfType) is { } body)
        {
            var json = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value;
            hash.AppendData(JsonSerializer.SerializeToUtf8Bytes(body, bodyType, json.SerializerOptions));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}

public static class IdempotencyEndpoints
{
    /// <summary>
    /// Requires an <c>Idempotency-Key</c> (the door library's check: 400 <c>idempotency_key_missing</c>)
    /// and keeps the answer under it in public-api's database; <typeparamref name="TBody"/> is fingerprinted.
    /// </summary>
    public static RouteHandlerBuilder WithStoredIdempotency<TBody>(this RouteHandlerBuilder endpoint, string operation) =>
        endpoint.WithStoredIdempotency(operation, typeof(TBody));

    public static RouteHandlerBuilder WithStoredIdempotency(this RouteHandlerBuilder endpoint, string operation, Type? bodyType = null) =>
        endpoint.RequireIdempotencyKey()
            .AddEndpointFilter(new IdempotencyFilter(operation, bodyType))
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
