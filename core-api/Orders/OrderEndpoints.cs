using System.Security.Claims;
using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Orders;
using BffPlatform.Contracts.Users;
using BffPlatform.CoreApi.Authentication;
using BffPlatform.CoreApi.Data;
using BffPlatform.CoreApi.Idempotency;
using BffPlatform.CoreApi.Paging;
using BffPlatform.ServiceDefaults.Auth;
using BffPlatform.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BffPlatform.CoreApi.Orders;

public static class OrderEndpoints
{
    public const string CreateOperation = "orders.create";

    public static IHostApplicationBuilder AddOrders(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<OrderPlacement>();
        builder.Services.AddScoped<OrderChanges>();
        return builder;
    }

    public static RouteGroupBuilder MapOrders(this IEndpointRouteBuilder api)
    {
        var orders = api.MapGroup("/orders").WithTags("Orders");

        orders.MapGet("/", List)
            .RequireAuthorization(Policies.OrdersRead)
            .WithName("ListOrders")
            .WithSummary("Orders, newest first; customers see their own, staff and services (orders.read) see all. Cursor paging.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        orders.MapGet("/{id:guid}", Get)
            .RequireAuthorization(Policies.OrdersRead)
            .WithName("GetOrder")
            .WithSummary("One order; another customer's order is 404.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        orders.MapPost("/", Create)
            .RequireAuthorization(Policies.OrdersWrite)
            .WithIdempotencyKey<CreateOrderRequest>(CreateOperation)
            .WithName("CreateOrder")
            .WithSummary("Place an order from lines (product, quantity); prices come from the catalog. Requires Idempotency-Key.")
            .Produces<OrderDto>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        orders.MapPost("/{id:guid}/cancel", Cancel)
            .RequireAuthorization(Policies.OrdersWrite)
            .WithName("CancelOrder")
            .WithSummary("Cancel an order while Pending or Confirmed (the owner, staff, or a service with orders.admin); restocks.")
            .Produces<OrderDto>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        orders.MapPost("/{id:guid}/status", ChangeStatus)
            .RequireAuthorization(Policies.OrdersAdmin)
            .WithName("ChangeOrderStatus")
            .WithSummary("Move an order one step (staff, or a service with orders.admin); an illegal move is 409 illegal_status_transition.")
            .Produces<OrderDto>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        return orders;
    }

    /// <summary>Whose orders a caller places and owns: a user's subject, or a service's client id.</summary>
    public static string OwnerId(ClaimsPrincipal caller) =>
        (caller.IsServiceCaller() ? caller.ClientId() ?? caller.SubjectId() : caller.SubjectId()) ?? "";

    /// <summary>Staff users and services (already past OrdersRead) read every order.</summary>
    private static bool ReadsAll(ClaimsPrincipal caller) => caller.IsServiceCaller() || caller.IsInRole(Roles.Staff);

    private static async Task<Results<Ok<Page<OrderSummaryDto>>, ProblemHttpResult>> List(
        string? status, string? customerId, string? cursor, int? pageSize,
        HttpContext http, CoreDbContext db, CancellationToken cancellationToken)
    {
        var errors = OrderValidation.ValidateQuery(status, customerId, pageSize, out var parsedStatus);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }
        if (!Cursor<OrderReads.ListCursor>.TryDecode(cursor, out var after))
        {
            return Pagination.InvalidCursor();
        }
        // A customer's list is always their own; a customerId filter from them is ignored.
        var owner = ReadsAll(http.User) ? (string.IsNullOrEmpty(customerId) ? null : customerId) : OwnerId(http.User);
        var query = new OrderReads.ListQuery(parsedStatus, owner, after, pageSize ?? PagingLimits.DefaultPageSize);
        return TypedResults.Ok(await OrderReads.ListAsync(db, query, cancellationToken));
    }

    private static async Task<Results<Ok<OrderDto>, ProblemHttpResult>> Get(
        Guid id, HttpContext http, CoreDbContext db, CancellationToken cancellationToken)
    {
        var order = await OrderReads.FindAsync(db, id, tracked: false, cancellationToken);
        // Another customer's order is "not found", not "forbidden": ids are not confirmed to exist.
        if (order is null || (!ReadsAll(http.User) && order.CustomerId != OwnerId(http.User)))
        {
            return Problem.NotFound("The order");
        }
        return TypedResults.Ok(OrderReads.ToDto(order));
    }

    private static async Task<IResult> Create(
        CreateOrderRequest request, HttpContext http, OrderPlacement placement, CancellationToken cancellationToken)
    {
        var errors = OrderValidation.Validate(request);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }
        var lines = request.Lines.Select((l, i) => new PlacementLine(l.ProductId, l.Quantity, $"lines[{i}].productId")).ToList();
        return await placement.PlaceAsync(OwnerId(http.User), lines, IdempotencyFilter.ClaimOf(http), cancellationToken);
    }

    private static Task<IResult> Cancel(Guid id, HttpContext http, OrderChanges changes, CancellationToken cancellationToken)
    {
        var caller = http.User;
        var anyOrder = AuthorizationSetup.StaffOrServiceWithScope(caller, Scopes.OrdersAdmin);
        return changes.MoveAsync(id, OrderStatus.Cancelled, anyOrder ? null : OwnerId(caller), cancellationToken);
    }

    private static Task<IResult> ChangeStatus(
        Guid id, ChangeOrderStatusRequest request, OrderChanges changes, CancellationToken cancellationToken) =>
        changes.MoveAsync(id, request.Status, visibleTo: null, cancellationToken);
}
