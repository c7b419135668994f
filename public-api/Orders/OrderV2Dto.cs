using BffPlatform.Contracts.Orders;
using BffPlatform.PublicApi.Versions;

namespace BffPlatform.PublicApi.Orders;

/// <summary>An order in v2: v1's fields, with every amount in minor units.</summary>
public sealed record OrderV2Dto(
    Guid Id,
    OrderStatus Status,
    IReadOnlyList<OrderLineV2Dto> Lines,
    MinorUnitMoney Total,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? CustomerReference,
    bool Test)
{
    public static OrderV2Dto From(OrderDto o) => new(
        o.Id, o.Status,
        [.. o.Lines.Select(l => new OrderLineV2Dto(l.ProductId, l.Sku, l.Name, MinorUnitMoney.From(l.UnitPrice), l.Quantity, MinorUnitMoney.From(l.LineTotal)))],
        MinorUnitMoney.From(o.Total), o.Version, o.CreatedAt, o.UpdatedAt, o.CustomerReference, o.Test);
}

public sealed record OrderLineV2Dto(Guid ProductId, string Sku, string Name, MinorUnitMoney UnitPrice, int Quantity, MinorUnitMoney LineTotal);

/// <summary>A row of v2's order list.</summary>
public sealed record OrderSummaryV2Dto(Guid Id, OrderStatus Status, int ItemCount, MinorUnitMoney Total, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static OrderSummaryV2Dto From(OrderSummaryDto o) => new(o.Id, o.Status, o.ItemCount, MinorUnitMoney.From(o.Total), o.CreatedAt, o.UpdatedAt);
}
