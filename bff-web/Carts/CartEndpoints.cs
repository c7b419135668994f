using BffPlatform.BffWeb.Upstream;
using BffPlatform.Contracts.Carts;
using BffPlatform.Contracts.Clients;
using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Orders;
using BffPlatform.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BffPlatform.BffWeb.Carts;

/// <summary>The signed-in user's cart (kept by core-api) and checkout.</summary>
internal static class CartEndpoints
{
    public static RouteGroupBuilder MapCartEndpoints(this IEndpointRouteBuilder api)
    {
        var cart = api.MapGroup("/cart").WithTags("Cart");

        cart.MapGet("/", GetAsync).WithName("GetCart").WithSummary("The cart with totals computed by core-api.");

        cart.MapPost("/items", AddAsync)
            .WithName("AddCartItem")
            .WithSummary("Adds a quantity of a product to the cart.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        cart.MapPut("/items/{productId:guid}", SetQuantityAsync)
            .WithName("SetCartItemQuantity")
            .WithSummary("Sets the quantity of a cart line.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        cart.MapDelete("/items/{productId:guid}", RemoveAsync)
            .WithName("RemoveCartItem")
            .WithSummary("Removes a line from the cart.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        cart.MapPost("/checkout", CheckoutAsync)
            .WithName("Checkout")
            .WithSummary("Turns the cart into an order. Send the same Idempotency-Key when retrying; bff-web makes one when absent.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        return cart;
    }

    private static async Task<Results<Ok<CartDto>, UpstreamProblem>> GetAsync(ICoreCartApi core, CancellationToken cancellationToken) =>
        UpstreamResults.Ok(await core.GetAsync(cancellationToken));

    private static async Task<Results<Ok<CartDto>, UpstreamProblem>> AddAsync(ICoreCartApi core, AddCartItemRequest request, CancellationToken cancellationToken) =>
        UpstreamResults.Ok(await core.AddItemAsync(request, cancellationToken));

    private static async Task<Results<Ok<CartDto>, UpstreamProblem>> SetQuantityAsync(
        ICoreCartApi core, Guid productId, SetCartItemQuantityRequest request, CancellationToken cancellationToken) =>
        UpstreamResults.Ok(await core.SetQuantityAsync(productId, request, cancellationToken));

    private static async Task<Results<Ok<CartDto>, UpstreamProblem>> RemoveAsync(ICoreCartApi core, Guid productId, CancellationToken cancellationToken) =>
        UpstreamResults.Ok(await core.RemoveItemAsync(productId, cancellationToken));

    private static async Task<Results<Created<OrderDto>, UpstreamProblem, ProblemHttpResult>> CheckoutAsync(
        ICoreCartApi core, [FromHeader(Name = IdempotencyHeaders.Key)] string? idempotencyKey, CancellationToken cancellationToken)
    {
        if (idempotencyKey is not null && !OrderLimits.IsWellFormedIdempotencyKey(idempotencyKey))
        {
            return Problem.Validation(IdempotencyHeaders.Key, OrderLimits.IdempotencyKeyRule);
        }
        // One key per checkout attempt: core-api replays the first answer for a retried key.
        var key = idempotencyKey ?? Guid.NewGuid().ToString("N");
        var response = await core.CheckoutAsync(key, cancellationToken);
        return response.IsSuccessful && response.Content is { } order
            ? TypedResults.Created($"/api/orders/{order.Id}", order)
            : UpstreamResults.Problem(response);
    }
}
