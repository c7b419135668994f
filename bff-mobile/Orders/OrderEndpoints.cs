using System.Net;
using BffPlatform.BffHosting.Upstream;
using BffPlatform.Contracts.Clients;
using BffPlatform.Contracts.Orders;
using BffPlatform.BffMobile.Hosting;
using BffPlatform.Contracts.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BffPlatform.BffMobile.Orders;

/// <summary>My orders: pages, detail, cancel, and the delta sync the app keeps its order list with.</summary>
internal static class OrderEndpoints
{
    public const int DefaultLimit = 10;
    public const int MaxLimit = 50;
    public const int MaxSyncTokenLength = 512;

    public static RouteGroupBuilder MapOrderEndpoints(this IEndpointRouteBuilder api)
    {
        var orders = api.MapGroup("/orders").WithTags("Orders");

        orders.MapGet("/", ListAsync)
            .WithName("ListMyOrders")
            .WithSummary($"A page of my orders, newest first (default {DefaultLimit}, at most {MaxLimit}), optionally by status.")
            .WithPageLimit(MaxLimit);

        orders.MapGet("/changes", ChangesAsync)
            .WithName("SyncMyOrders")
            .WithSummary("My orders changed since the sync token 'since' (none: all of them) and the next token. " +
                "400 invalid_sync_token for a token the service did not issue; 410 sync_token_expired: sync in full.")
            .WithPageLimit(MaxLimit)
            .ProducesProblem(StatusCodes.Status410Gone);

        orders.MapGet("/{id:guid}", GetAsync)
            .WithName("GetMyOrder")
            .WithSummary("One of my orders.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        orders.MapPost("/{id:guid}/cancel", CancelAsync)
            .RequireIdempotencyKey()
            .WithName("CancelMyOrder")
            .WithSummary("Cancels my order while it is pending or confirmed. Requires Idempotency-Key; cancelling an order " +
                "already cancelled answers it as it is, so a retried tap is harmless.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return orders;
    }

    private static async Task<Results<Ok<OrderPageDto>, UpstreamProblem>> ListAsync(
        ICoreOrdersApi core, string? status, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var query = new OrderQuery { Status = status, Cursor = cursor, PageSize = limit ?? DefaultLimit };
        return UpstreamResults.Shaped(await core.ListAsync(query, cancellationToken), OrderPageDto.Of);
    }

    private static async Task<Results<Ok<OrderSyncDto>, UpstreamProblem>> ChangesAsync(
        ICoreOrdersApi core, string? since, int? limit, CancellationToken cancellationToken)
    {
        if (since is { Length: 0 or > MaxSyncTokenLength })
        {
            // Not worth a call: core-api issues nothing that long, nor an empty token.
            return UpstreamProblem.Of(StatusCodes.Status400BadRequest, ErrorCodes.InvalidSyncToken, "The sync token is not valid.",
                "Send back the 'since' of the last answer unchanged, or sync in full without it.");
        }
        return UpstreamResults.Shaped(await core.GetChangesAsync(since, limit, cancellationToken), OrderSyncDto.Of);
    }

    private static async Task<Results<Ok<OrderDetailDto>, UpstreamProblem>> GetAsync(ICoreOrdersApi core, Guid id, CancellationToken cancellationToken) =>
        UpstreamResults.Shaped(await core.GetAsync(id, cancellationToken), OrderDetailDto.Of);

    private static async Task<Results<Ok<OrderDetailDto>, UpstreamProblem>> CancelAsync(ICoreOrdersApi core, Guid id, CancellationToken cancellationToken)
    {
        var cancelled = await core.CancelAsync(id, cancellationToken);
        if (cancelled.StatusCode == HttpStatusCode.Conflict)
        {
            // core-api refuses to cancel twice; for the app a repeated cancel has done what it asked.
            var order = await core.GetAsync(id, cancellationToken);
            if (order.IsSuccessful && order.Content is { Status: OrderStatus.Cancelled })
            {
                return UpstreamResults.Shaped(order, OrderDetailDto.Of);
            }
        }
        return UpstreamResults.Shaped(cancelled, OrderDetailDto.Of);
    }
}
