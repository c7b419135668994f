using System.Text.Json;
using BffPlatform.Contracts.Common;
using Microsoft.Extensions.Options;

namespace BffPlatform.CoreApi.Idempotency;

/// <summary>Marks an endpoint that runs under an <c>Idempotency-Key</c> (for the OpenAPI document).</summary>
public sealed record IdempotencyKeyMetadata(string Operation);

/// <summary>
/// Runs a POST under its <c>Idempotency-Key</c>, for every endpoint alike: checks the header,
/// claims the key for the caller and the operation, answers a replay or a refusal itself, and
/// otherwise runs the endpoint once and stores its answer. The endpoint takes its claim with
/// <see cref="IdempotencyFilter.ClaimOf"/> to store the answer inside its own transaction.
/// </summary>
public sealed class IdempotencyFilter(string operation, Type? bodyType) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = http.Request.Headers[IdempotencyHeaders.Key].ToString();
        if (!IdempotencyKeys.TryValidate(key, out var keyProblem))
        {
            return keyProblem;
        }
        var store = http.RequestServices.GetRequiredService<IdempotencyStore>();
        return await store.RunAsync(http, IdempotencyKeys.ScopeOf(http, operation), key, Fingerprint(context), async (claim, _) =>
        {
            http.Features.Set(claim);
            return await next(context) as IResult
                ?? throw new InvalidOperationException($"An endpoint under {nameof(IdempotencyFilter)} must answer an IResult ({operation}).");
        }, http.RequestAborted);
    }

    /// <summary>
    /// The operation and the re-serialised body, not the raw bytes: whitespace or member order must
    /// not make a retry look like a different request. Without a body the key alone names the attempt.
    /// </summary>
    private string Fingerprint(EndpointFilterInvocationContext context)
    {
        var body = bodyType is null ? null : context.Arguments.FirstOrDefault(bodyType.IsInstanceOfType);
        if (body is null)
        {
            return IdempotencyKeys.Fingerprint(operation, []);
        }
        var json = context.HttpContext.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value;
        return IdempotencyKeys.Fingerprint(operation, JsonSerializer.SerializeToUtf8Bytes(body, bodyType!, json.SerializerOptions));
    }

    /// <summary>The claim of the request's key, made by the filter before the endpoint runs.</summary>
    public static IdempotencyClaim ClaimOf(HttpContext http) =>
        http.Features.Get<IdempotencyClaim>()
        ?? throw new InvalidOperationException($"The endpoint runs without {nameof(IdempotencyFilterExtensions.WithIdempotencyKey)}.");
}

public static class IdempotencyFilterExtensions
{
    /// <summary>Runs the endpoint under an <c>Idempotency-Key</c> (required); <typeparamref name="TBody"/> is fingerprinted.</summary>
    public static RouteHandlerBuilder WithIdempotencyKey<TBody>(this RouteHandlerBuilder endpoint, string operation) =>
        endpoint.WithIdempotencyKey(operation, typeof(TBody));

    /// <summary>Runs a bodiless endpoint under an <c>Idempotency-Key</c> (required).</summary>
    public static RouteHandlerBuilder WithIdempotencyKey(this RouteHandlerBuilder endpoint, string operation, Type? bodyType = null) =>
        endpoint.AddEndpointFilter(new IdempotencyFilter(operation, bodyType))
            .WithMetadata(new IdempotencyKeyMetadata(operation));
}
