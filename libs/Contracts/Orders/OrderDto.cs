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
    DateTimeOffset UpdatedAt,
    string? CustomerReference = null,
    bool Test = false);

public sealed record OrderLineDto(Guid ProductId, string Sku, string Name, Money UnitPrice, int Quantity, Money LineTotal);

/// <summary>
/// A compact row for order lists. The customer's name and e-mail are core-api's copy from their
/// latest token (null for an order placed by a service, or a user who never gave them): staff
/// lists show who ordered.
/// </summary>
public sealed record OrderSummaryDto(
    Guid Id,
    string CustomerId,
    string? CustomerName,
    string? CustomerEmail,
    OrderStatus Status,
    int ItemCount,
    Money Total,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
