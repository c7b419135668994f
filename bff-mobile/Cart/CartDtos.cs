using BffPlatform.Contracts.Carts;
using BffPlatform.Contracts.Common;

namespace BffPlatform.BffMobile.Cart;

/// <summary>The cart as the app shows it; totals computed by core-api from current prices.</summary>
public sealed record MobileCartDto(IReadOnlyList<MobileCartLineDto> Lines, Money Total, int ItemCount)
{
    public static MobileCartDto Of(CartDto cart) => new([.. cart.Lines.Select(MobileCartLineDto.Of)], cart.Total, cart.ItemCount);
}

/// <summary>A cart line; <see cref="Available"/> is false when the product is gone or short of the quantity.</summary>
public sealed record MobileCartLineDto(Guid ProductId, string Name, Money UnitPrice, int Quantity, Money LineTotal, bool Available)
{
    public static MobileCartLineDto Of(CartLineDto l) =>
        new(l.ProductId, l.Name, l.UnitPrice, l.Quantity, l.LineTotal, l.Active && l.AvailableStock >= l.Quantity);
}

/// <summary>The quantity a cart line should have (1 to 1000).</summary>
public sealed record SetQuantityRequest(int Quantity);
