using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Orders;
using BffPlatform.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace BffPlatform.BffHosting.Upstream;

/// <summary>
/// A write the client may retry on a bad network must say which attempt it repeats: without an
/// <c>Idempotency-Key</c> it is refused (400 <c>idempotency_key_missing</c>) before it reaches
/// core-api, and a key core-api would refuse is a 400 naming the header. The door passes the key on.
/// </summary>
public static class IdempotencyKeyRequirement
{
    public static TBuilder RequireIdempotencyKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new IdempotencyKeyMetadata()).AddEndpointFilter(async (context, next) =>
        {
            var key = context.HttpContext.Request.Headers[IdempotencyHeaders.Key];
            if (key.Count == 0 || string.IsNullOrEmpty(key[0]))
            {
                return Problem.Of(StatusCodes.Status400BadRequest, ErrorCodes.IdempotencyKeyMissing,
                    $"An {IdempotencyHeaders.Key} header is required.",
                    $"Send a new key with each write and the same key when retrying it: {OrderLimits.IdempotencyKeyRule}");
            }
            if (key.Count > 1 || !OrderLimits.IsWellFormedIdempotencyKey(key[0]!))
            {
                return Problem.Validation(IdempotencyHeaders.Key, OrderLimits.IdempotencyKeyRule);
            }
            return await next(context);
        });

    /// <summary>The key of this request (present and well formed once the requirement let it through).</summary>
    public static string IdempotencyKey(this HttpContext context) => context.Request.Headers[IdempotencyHeaders.Key].ToString();
}

/// <summary>Endpoint metadata: the endpoint requires an <c>Idempotency-Key</c> (its OpenAPI operation says so).</summary>
public sealed record IdempotencyKeyMetadata;
