using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Orders;
using Refit;

namespace BffPlatform.Contracts.Clients;

/// <summary>Orders in core-api. Customers see their own; staff and services see all.</summary>
public interface ICoreOrdersApi
{
    [Get("/api/v1/orders")]
    Task<IApiResponse<Page<OrderSummaryDto>>> ListAsync([Query] OrderQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// The caller's own orders changed since <paramref name="since"/> (omitted: every order, for a
    /// full sync). 400 <c>invalid_sync_token</c> for a malformed token, 410 <c>sync_token_expired</c>
    /// for one older than the retention (the app syncs in full).
    /// </summary>
    [Get("/api/v1/orders/changes")]
    Task<IApiResponse<OrderChangesDto>> GetChangesAsync([Query] string? since = null, [Query] int? limit = null, CancellationToken cancellationToken = default);

    [Get("/api/v1/orders/{id}")]
    Task<IApiResponse<OrderDto>> GetAsync(Guid id, CancellationToken cancellationToken = default);

    [Post("/api/v1/orders")]
    Task<IApiResponse<OrderDto>> CreateAsync([Body] CreateOrderRequest request, [Header(IdempotencyHeaders.Key)] string idempotencyKey, CancellationToken cancellationToken = default);

    [Post("/api/v1/orders/{id}/cancel")]
    Task<IApiResponse<OrderDto>> CancelAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Cancel under an <c>Idempotency-Key</c>: a retry with the same key replays the first answer.</summary>
    [Post("/api/v1/orders/{id}/cancel")]
    Task<IApiResponse<OrderDto>> CancelAsync(Guid id, [Header(IdempotencyHeaders.Key)] string idempotencyKey, CancellationToken cancellationToken = default);

    [Post("/api/v1/orders/{id}/status")]
    Task<IApiResponse<OrderDto>> ChangeStatusAsync(Guid id, [Body] ChangeOrderStatusRequest request, CancellationToken cancellationToken = default);
}
