namespace BffPlatform.CoreApi.Carts;

/// <summary>One cart per user, keyed by the user's subject.</summary>
public sealed class Cart
{
    public required string UserId { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public List<CartLine> Lines { get; set; } = [];
}

/// <summary>A product and quantity in a cart. Prices are read at display and checkout time.</summary>
public sealed class CartLine
{
    public required string UserId { get; set; }
    public Guid ProductId { get; set; }
    public int Quantity { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}
