using BffPlatform.BffHosting.Upstream;
using BffPlatform.Contracts.Clients;
using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Orders;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BffPlatform.BffWeb.Orders;

/// <summary>The signed-in customer's orders: history, detail, cancel.</summary>
internal static class OrderEndpoints
{
    public static RouteGroupBuilder MapOrderEndpoints(this IEndpointRouteBuilder api)
    {
        var orders = api.MapGroup("/orders").WithTags("Orders");

        orders.MapGet("/", ListAsync)
            .WithName("ListMyOrders")
            .WithSummary("A page of my orders, newest first, optionally by status.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        orders.MapGet("/{id:guid}", GetAsync)
            .WithName("GetMyOrder")
            .WithSummary("One of my orders.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        orders.MapPost("/{id:guid}/cancel", CancelAsync)
            .WithName("CancelMyOrder")
            .WithSummary("Cancels my order while it is pending or confirmed.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return orders;
    }

    private static async Task<Results<UpstreamOk<Page<OrderSummaryDto>>, UpstreamProblem>> ListAsync(
        ICoreOrdersApi core, string? status, string? cursor, int? pageSize, CancellationToken cancellationToken) =>
        UpstreamResults.Ok(await core.ListAsync(new OrderQuery { Status = status, Cursor = cursor, PageSize = pageSize }, cancellationToken));

    private static async Task<Results<UpstreamOk<OrderDto>, UpstreamProblem>> GetAsync(ICoreOrdersApi core, Guid id, CancellationToken cancellationToken) =>
        UpstreamResults.Ok(await core.GetAsync(id, cancellationToken));

    private static async Task<Results<UpstreamOk<OrderDto>, UpstreamProblem>> CancelAsync(ICoreOrdersApi core, Guid id, CancellationToken cancellationToken) =>
        UpstreamResults.Ok(await core.CancelAsync(id, cancellationToken));
}
