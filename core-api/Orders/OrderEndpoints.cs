using System.Security.Claims;
using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Orders;
using BffPlatform.Contracts.Users;
using BffPlatform.CoreApi.Authentication;
using BffPlatform.CoreApi.Data;
using BffPlatform.CoreApi.Idempotency;
using BffPlatform.CoreApi.Paging;
using BffPlatform.CoreApi.Partners;
using BffPlatform.ServiceDefaults.Auth;
using BffPlatform.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BffPlatform.CoreApi.Orders;

public static class OrderEndpoints
{
    public const string CreateOperation = "orders.create";
    public const string CancelOperation = "orders.cancel";

    public static IHostApplicationBuilder AddOrders(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<OrderPlacement>();
        builder.Services.AddScoped<OrderChanges>();
        return builder;
    }

    public static RouteGroupBuilder MapOrders(this IEndpointRouteBuilder api)
    {
        // public-api acts here only for a partner (X-Partner-Id), never as itself.
        var orders = api.MapGroup("/orders").WithTags("Orders").RequirePartnerForActors();

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
            .WithSummary("Cancel an order while Pending or Confirmed (the owner, staff, or a service with orders.admin); restocks. " +
                         "With an Idempotency-Key (optional here, required by public-api) a retry replays the first answer.")
            .Produces<OrderDto>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

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
        // A customer's (or partner's) list is always their own; a customerId filter from them is ignored.
        var scope = OrderScope.Of(http);
        var owner = scope.Owner ?? (string.IsNullOrEmpty(customerId) ? null : customerId);
        var query = new OrderReads.ListQuery(parsedStatus, owner, after, pageSize ?? PagingLimits.DefaultPageSize, scope.Test);
        return TypedResults.Ok(await OrderReads.ListAsync(db, query, cancellationToken));
    }

    private static async Task<Results<Ok<OrderDto>, ProblemHttpResult>> Get(
        Guid id, HttpContext http, CoreDbContext db, CancellationToken cancellationToken)
    {
        var order = await OrderReads.FindAsync(db, id, tracked: false, cancellationToken);
        // Another customer's order is "not found", not "forbidden": ids are not confirmed to exist.
        if (order is null || !OrderScope.Of(http).Sees(order))
        {
            return Problem.NotFound("The order");
        }
        return TypedResults.Ok(OrderReads.ToDto(order));
    }

    private static async Task<IResult> Create(
        CreateOrderRequest request, HttpContext http, OrderPlacement placement, CancellationToken cancellationToken)
    {
        var partner = http.PartnerCaller();
        var errors = OrderValidation.Validate(request, forPartner: partner is not null);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }
        var lines = request.Lines.Select((l, i) => new PlacementLine(l.ProductId, l.Quantity, $"lines[{i}].productId")).ToList();
        var owner = new OrderOwner(OrderScope.OwnerId(http), request.CustomerReference, partner?.Test ?? false);
        return await placement.PlaceAsync(owner, lines, IdempotencyFilter.ClaimOf(http), cancellationToken);
    }

    /// <summary>
    /// Under an <c>Idempotency-Key</c> when one is sent (public-api always sends the partner's): the
    /// answer is stored with the cancellation's transaction and replayed to a retry, so a retried
    /// cancel gets its 200 again instead of 409. Without a key (the SPA's and the app's doors) it runs as is.
    /// </summary>
    private static async Task<IResult> Cancel(Guid id, HttpContext http, OrderChanges changes, IdempotencyStore store, CancellationToken cancellationToken)
    {
        var anyOrder = http.PartnerCaller() is null && AuthorizationSetup.StaffOrServiceWithScope(http.User, Scopes.OrdersAdmin);
        var visibleTo = anyOrder ? OrderScope.Everything : OrderScope.Of(http);
        if (!http.Request.Headers.ContainsKey(IdempotencyHeaders.Key))
        {
            return await changes.MoveAsync(id, OrderStatus.Cancelled, visibleTo, claim: null, cancellationToken);
        }
        var key = http.Request.Headers[IdempotencyHeaders.Key].ToString();
        if (!IdempotencyKeys.TryValidate(key, out var keyProblem))
        {
            return keyProblem;
        }
        // The order is the request: the same key on another order's cancel is a different request (422).
        var fingerprint = IdempotencyKeys.Fingerprint(CancelOperation, System.Text.Encoding.UTF8.GetBytes(id.ToString("D")));
        return await store.RunAsync(http, IdempotencyKeys.ScopeOf(http, CancelOperation), key, fingerprint,
            (claim, token) => changes.MoveAsync(id, OrderStatus.Cancelled, visibleTo, claim, token), cancellationToken);
    }

    private static Task<IResult> ChangeStatus(
        Guid id, ChangeOrderStatusRequest request, OrderChanges changes, CancellationToken cancellationToken) =>
        changes.MoveAsync(id, request.Status, OrderScope.Everything, claim: null, cancellationToken);
}
