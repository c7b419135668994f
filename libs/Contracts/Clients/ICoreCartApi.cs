using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Carts;
using BffPlatform.Contracts.Orders;
using Refit;

namespace BffPlatform.Contracts.Clients;

/// <summary>The caller's cart in core-api (a user token is required).</summary>
public interface ICoreCartApi
{
    [Get("/api/v1/cart")]
    Task<IApiResponse<CartDto>> GetAsync(CancellationToken cancellationToken = default);

    [Post("/api/v1/cart/items")]
    Task<IApiResponse<CartDto>> AddItemAsync([Body] AddCartItemRequest request, CancellationToken cancellationToken = default);

    [Put("/api/v1/cart/items/{productId}")]
    Task<IApiResponse<CartDto>> SetQuantityAsync(Guid productId, [Body] SetCartItemQuantityRequest request, CancellationToken cancellationToken = default);

    [Delete("/api/v1/cart/items/{productId}")]
    Task<IApiResponse<CartDto>> RemoveItemAsync(Guid productId, CancellationToken cancellationToken = default);

    [Delete("/api/v1/cart")]
    Task<IApiResponse> ClearAsync(CancellationToken cancellationToken = default);

    /// <summary>Turns the cart into an order. Send the same key when retrying.</summary>
    [Post("/api/v1/cart/checkout")]
    Task<IApiResponse<OrderDto>> CheckoutAsync([Header(IdempotencyHeaders.Key)] string idempotencyKey, CancellationToken cancellationToken = default);
}
