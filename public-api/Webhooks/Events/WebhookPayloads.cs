using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Orders;

namespace BffPlatform.PublicApi.Webhooks.Events;

/// <summary>
/// The body of every webhook (docs/webhooks/schemas/*.json). <see cref="Id"/> equals the
/// <c>webhook-id</c> header; deliveries are not ordered, so order events carry the order's
/// <c>version</c> and a receiver drops an update older than the one it has.
/// </summary>
public sealed record WebhookEnvelope<TData>(string Id, string Type, DateTimeOffset Timestamp, string Environment, TData Data);

/// <param name="PreviousStatus">The status before the change; null for <c>order.created.v1</c>.</param>
public sealed record OrderEventData(WebhookOrder Order, OrderStatus? PreviousStatus);

/// <summary>An order as partners see it (no internal customer id: the partner is the customer).</summary>
public sealed record WebhookOrder(
    Guid Id,
    OrderStatus Status,
    long Version,
    string? CustomerReference,
    bool Test,
    IReadOnlyList<WebhookOrderLine> Lines,
    Money Total,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static WebhookOrder From(OrderDto order) => new(
        order.Id, order.Status, order.Version, order.CustomerReference, order.Test,
        order.Lines.Select(l => new WebhookOrderLine(l.ProductId, l.Sku, l.Name, l.UnitPrice, l.Quantity, l.LineTotal)).ToList(),
        order.Total, order.CreatedAt, order.UpdatedAt);
}

public sealed record WebhookOrderLine(Guid ProductId, string Sku, string Name, Money UnitPrice, int Quantity, Money LineTotal);

/// <summary>The data of <c>webhook.test.v1</c>.</summary>
public sealed record TestEventData(Guid EndpointId, string Message);
