using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Orders;
using BffPlatform.ServiceDefaults.Problems;

namespace BffPlatform.PublicApi.Orders;

/// <summary>
/// Every POST of the partner API needs an <c>Idempotency-Key</c>: without one, 400
/// <c>idempotency_key_missing</c> before anything reaches core-api; a malformed one, 400 naming the header.
/// core-api keeps the answers (≥ 24 h, per partner: the partner is the order's owner), replays them,
/// answers 422 for the key reused on another body and 409 while the first is still running.
/// </summary>
internal sealed class IdempotencyKeyRequired : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var key = context.HttpContext.Request.Headers[IdempotencyHeaders.Key].ToString();
        if (key.Length == 0)
        {
            return ValueTask.FromResult<object?>(Problem.Of(StatusCodes.Status400BadRequest, ErrorCodes.IdempotencyKeyMissing,
                "An Idempotency-Key header is required.", $"Send a unique Idempotency-Key with every POST and the same one when retrying it ({OrderLimits.IdempotencyKeyRule})"));
        }
        if (!OrderLimits.IsWellFormedIdempotencyKey(key))
        {
            return ValueTask.FromResult<object?>(Problem.Validation(IdempotencyHeaders.Key, OrderLimits.IdempotencyKeyRule));
        }
        return next(context);
    }
}

public static class IdempotencyKeyEndpoints
{
    public static RouteHandlerBuilder RequireIdempotencyKey(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter<IdempotencyKeyRequired>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
