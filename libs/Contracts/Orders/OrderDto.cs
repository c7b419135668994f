using BffPlatform.Contracts.Common;

namespace BffPlatform.Contracts.Orders;

public sealed record OrderDto(
    Guid Id,
    string CustomerId,
    OrderStatus Status,
    IReadOnlyList<OrderLineDto> Lines,
    Money Total,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

public sealed record OrderLineDto(Guid ProductId, string Sku, string Name, Money UnitPrice, int Quantity, Money LineTotal);

/// <summary>A compact row for order lists.</summary>
public sealed record OrderSummaryDto(
    Guid Id,
    string CustomerId,
    OrderStatus Status,
    int ItemCount,
    Money Total,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
