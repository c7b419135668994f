using BffPlatform.BffHosting.Upstream;
using BffPlatform.Contracts.Clients;
using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Orders;
using BffPlatform.Contracts.Partners;
using BffPlatform.PublicApi.Keys;
using BffPlatform.PublicApi.Versions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BffPlatform.PublicApi.Orders;

/// <summary>
/// Orders of the partner's own customers: core-api owns them by the partner (<c>partner:&lt;id&gt;</c>) and
/// keeps a test key's orders apart from live ones; another partner's order is not found. Reads need
/// <c>orders:read</c>, writes <c>orders:write</c> and an <c>Idempotency-Key</c>.
/// </summary>
public static class OrderEndpoints
{
    public static RouteGroupBuilder MapOrderEndpoints(this RouteGroupBuilder api, ApiVersion version)
    {
        var group = api.MapGroup("/orders").WithTags("Orders");
        var reads = group.MapGroup("").RequirePartnerScope(PartnerScopes.OrdersRead);
        var writes = group.MapGroup("").RequirePartnerScope(PartnerScopes.OrdersWrite);
        var v1 = version == ApiVersion.V1;

        (v1 ? reads.MapGet("", ListV1Async) : reads.MapGet("", ListV2Async))
            .WithSummary("A page of the partner's orders, newest first; status filters (pending, confirmed, shipped, delivered, cancelled).");
        (v1 ? reads.MapGet("/{id:guid}", GetV1Async) : reads.MapGet("/{id:guid}", GetV2Async))
            .WithSummary("One of the partner's orders (another partner's is not found).");
        (v1 ? writes.MapPost("", CreateV1Async) : writes.MapPost("", CreateV2Async))
            .RequireIdempotencyKey().ProducesIdempotencyProblems()
            .WithSummary("Place an order from lines (product, quantity) with an optional reference of your own for your customer; prices come from the catalog.");
        (v1 ? writes.MapPost("/{id:guid}/cancel", CancelV1Async) : writes.MapPost("/{id:guid}/cancel", CancelV2Async))
            .RequireIdempotencyKey().ProducesIdempotencyProblems()
            .WithSummary("Cancel a pending or confirmed order; a retry with the same Idempotency-Key replays the answer, a new cancel of a cancelled order answers 409 illegal_status_transition.");
        return group;
    }

    private static async Task<Results<UpstreamOk<Page<OrderSummaryDto>>, UpstreamProblem>> ListV1Async(
        ICoreOrdersApi core, [FromQuery] string? status, [FromQuery] string? cursor, [FromQuery] int? pageSize, CancellationToken cancellationToken) =>
        UpstreamResults.Ok(await core.ListAsync(Query(status, cursor, pageSize), cancellationToken));

    private static async Task<Results<UpstreamOk<Page<OrderSummaryV2Dto>>, UpstreamProblem>> ListV2Async(
        ICoreOrdersApi core, [FromQuery] string? status, [FromQuery] string? cursor, [FromQuery] int? pageSize, CancellationToken cancellationToken) =>
        UpstreamResults.Ok(await core.ListAsync(Query(status, cursor, pageSize), cancellationToken),
            page => new Page<OrderSummaryV2Dto>([.. page.Items.Select(OrderSummaryV2Dto.From)], page.NextCursor));

    private static async Task<Results<UpstreamOk<OrderDto>, UpstreamProblem>> GetV1Async(ICoreOrdersApi core, Guid id, CancellationToken cancellationToken) =>
        UpstreamResults.Ok(await core.GetAsync(id, cancellationToken));

    private static async Task<Results<UpstreamOk<OrderV2Dto>, UpstreamProblem>> GetV2Async(ICoreOrdersApi core, Guid id, CancellationToken cancellationToken) =>
        UpstreamResults.Ok(await core.GetAsync(id, cancellationToken), OrderV2Dto.From);

    private static Task<Results<UpstreamCreated<OrderDto>, UpstreamProblem>> CreateV1Async(
        ICoreOrdersApi core, CreateOrderRequest request, HttpContext http, CancellationToken cancellationToken) =>
        CreateAsync(core, request, http.IdempotencyKey(), ApiVersion.V1, o => o, cancellationToken);

    private static Task<Results<UpstreamCreated<OrderV2Dto>, UpstreamProblem>> CreateV2Async(
        ICoreOrdersApi core, CreateOrderRequest request, HttpContext http, CancellationToken cancellationToken) =>
        CreateAsync(core, request, http.IdempotencyKey(), ApiVersion.V2, OrderV2Dto.From, cancellationToken);

    // The key goes on to core-api, which keeps the answer per partner: a retried cancel replays its 200.
    private static async Task<Results<UpstreamOk<OrderDto>, UpstreamProblem>> CancelV1Async(ICoreOrdersApi core, Guid id, HttpContext http, CancellationToken cancellationToken) =>
        UpstreamResults.Ok(await core.CancelAsync(id, http.IdempotencyKey(), cancellationToken));

    private static async Task<Results<UpstreamOk<OrderV2Dto>, UpstreamProblem>> CancelV2Async(ICoreOrdersApi core, Guid id, HttpContext http, CancellationToken cancellationToken) =>
        UpstreamResults.Ok(await core.CancelAsync(id, http.IdempotencyKey(), cancellationToken), OrderV2Dto.From);

    private static async Task<Results<UpstreamCreated<T>, UpstreamProblem>> CreateAsync<T>(
        ICoreOrdersApi core, CreateOrderRequest request, string idempotencyKey, ApiVersion version, Func<OrderDto, T> shape, CancellationToken cancellationToken)
    {
        using var response = await core.CreateAsync(request, idempotencyKey, cancellationToken);
        return response.IsSuccessful && response.Content is { } order
            ? UpstreamResults.Created(response, shape(order), version.Path($"/orders/{order.Id:D}"))
            : UpstreamResults.Problem(response);
    }

    /// <summary>What core-api answers about the key: 400 (missing or malformed), 409 (in flight), 422 (reused).</summary>
    private static RouteHandlerBuilder ProducesIdempotencyProblems(this RouteHandlerBuilder endpoint) =>
        endpoint.ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    private static OrderQuery Query(string? status, string? cursor, int? pageSize) =>
        new() { Status = status, Cursor = cursor, PageSize = pageSize };
}
