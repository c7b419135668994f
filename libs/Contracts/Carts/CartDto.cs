using BffPlatform.Contracts.Common;

namespace BffPlatform.Contracts.Carts;

/// <summary>The caller's cart with totals computed by core-api from current prices.</summary>
public sealed record CartDto(IReadOnlyList<CartLineDto> Lines, Money Total, int ItemCount, DateTimeOffset UpdatedAt);

public sealed record CartLineDto(
    Guid ProductId,
    string Sku,
    string Name,
    Money UnitPrice,
    int Quantity,
    Money LineTotal,
    int AvailableStock,
    bool Active);

/// <summary>Adds <see cref="Quantity"/> to the line of the product (creating it).</summary>
public sealed record AddCartItemRequest(Guid ProductId, int Quantity);

/// <summary>Sets the line's quantity.</summary>
public sealed record SetCartItemQuantityRequest(int Quantity);
