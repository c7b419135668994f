using BffPlatform.BffHosting.Upstream;
using BffPlatform.Contracts.Clients;
using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Orders;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BffPlatform.BffWeb.Admin;

/// <summary>Staff screens: every order, and status moves.</summary>
internal static class AdminOrderEndpoints
{
    public static RouteGroupBuilder MapAdminOrderEndpoints(this IEndpointRouteBuilder api)
    {
        var admin = api.MapGroup("/admin/orders").WithTags("Admin").RequireAuthorization(StaffOnly.Policy);

        admin.MapGet("/", ListAsync)
            .WithName("AdminListOrders")
            .WithSummary("A page of all orders, optionally by status or customer (staff).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        admin.MapGet("/{id:guid}", GetAsync)
            .WithName("AdminGetOrder")
            .WithSummary("Any order (staff).")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        admin.MapPost("/{id:guid}/status", ChangeStatusAsync)
            .WithName("AdminChangeOrderStatus")
            .WithSummary("Moves an order to its next status (staff); an illegal move is 409 illegal_status_transition.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return admin;
    }

    private static async Task<Results<UpstreamOk<Page<OrderSummaryDto>>, UpstreamProblem>> ListAsync(
        ICoreOrdersApi core, string? status, string? customerId, string? cursor, int? pageSize, CancellationToken cancellationToken) =>
        UpstreamResults.Ok(await core.ListAsync(new OrderQuery { Status = status, CustomerId = customerId, Cursor = cursor, PageSize = pageSize }, cancellationToken));

    private static async Task<Results<UpstreamOk<OrderDto>, UpstreamProblem>> GetAsync(ICoreOrdersApi core, Guid id, CancellationToken cancellationToken) =>
        UpstreamResults.Ok(await core.GetAsync(id, cancellationToken));

    private static async Task<Results<UpstreamOk<OrderDto>, UpstreamProblem>> ChangeStatusAsync(
        ICoreOrdersApi core, Guid id, ChangeOrderStatusRequest request, CancellationToken cancellationToken) =>
        UpstreamResults.Ok(await core.ChangeStatusAsync(id, request, cancellationToken));
}
