using System.Net;
using BffPlatform.BffHosting.Upstream;
using BffPlatform.BffMobile.Hosting;
using BffPlatform.BffMobile.Orders;
using BffPlatform.Contracts.Carts;
using BffPlatform.Contracts.Clients;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BffPlatform.BffMobile.Cart;

/// <summary>
/// The user's cart (kept by core-api) and checkout. A line is set, not added to: a PUT repeated on a
/// bad network leaves the same cart. Checkout is a POST and needs an Idempotency-Key, passed to core-api.
/// </summary>
internal static class CartEndpoints
{
    public static RouteGroupBuilder MapCartEndpoints(this IEndpointRouteBuilder api)
    {
        var cart = api.MapGroup("/cart").WithTags("Cart");

        cart.MapGet("/", GetAsync).WithName("GetCart").WithSummary("The cart with totals.");

        cart.MapPut("/items/{productId:guid}", SetAsync)
            .WithName("SetCartItem")
            .WithSummary("Sets the quantity of a product in the cart, adding the line if it is not there (idempotent).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        cart.MapDelete("/items/{productId:guid}", RemoveAsync)
            .WithName("RemoveCartItem")
            .WithSummary("Removes a line (removing a line that is not there changes nothing).");

        cart.MapPost("/checkout", CheckoutAsync)
            .RequireIdempotencyKey()
            .WithName("Checkout")
            .WithSummary("Turns the cart into an order. Requires Idempotency-Key; a retry with the same key returns the same order (Idempotency-Replayed: true).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        return cart;
    }

    private static async Task<Results<Ok<MobileCartDto>, UpstreamProblem>> GetAsync(ICoreCartApi core, CancellationToken cancellationToken) =>
        UpstreamResults.Shaped(await core.GetAsync(cancellationToken), MobileCartDto.Of);

    private static async Task<Results<Ok<MobileCartDto>, UpstreamProblem>> SetAsync(
        ICoreCartApi core, Guid productId, SetQuantityRequest request, CancellationToken cancellationToken)
    {
        var set = await core.SetQuantityAsync(productId, new SetCartItemQuantityRequest(request.Quantity), cancellationToken);
        if (set.StatusCode != HttpStatusCode.NotFound)
        {
            return UpstreamResults.Shaped(set, MobileCartDto.Of);
        }
        // No such line yet: adding the quantity creates it with exactly that quantity.
        return UpstreamResults.Shaped(await core.AddItemAsync(new AddCartItemRequest(productId, request.Quantity), cancellationToken), MobileCartDto.Of);
    }

    private static async Task<Results<Ok<MobileCartDto>, UpstreamProblem>> RemoveAsync(ICoreCartApi core, Guid productId, CancellationToken cancellationToken) =>
        UpstreamResults.Shaped(await core.RemoveItemAsync(productId, cancellationToken), MobileCartDto.Of);

    private static async Task<Results<UpstreamCreated<OrderDetailDto>, UpstreamProblem>> CheckoutAsync(
        ICoreCartApi core, HttpContext context, CancellationToken cancellationToken)
    {
        var response = await core.CheckoutAsync(context.IdempotencyKey(), cancellationToken);
        return response.IsSuccessful && response.Content is { } order
            ? UpstreamResults.Created(response, OrderDetailDto.Of(order), $"{MobileApi.Prefix}/orders/{order.Id}")
            : UpstreamResults.Problem(response);
    }
}
