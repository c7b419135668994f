using BffPlatform.Contracts.Orders;

namespace BffPlatform.CoreApi.Orders;

/// <summary>
/// An order. Prices are copied into its lines when it is created; <see cref="Version"/> goes
/// up on every status change and is the optimistic-concurrency token and the outbox version.
/// </summary>
public sealed class Order
{
    public Guid Id { get; set; }
    public required string CustomerId { get; set; }
    public OrderStatus Status { get; set; } = OrderStatus.Pending;
    public decimal Total { get; set; }
    public required string Currency { get; set; }
    public long Version { get; set; } = 1;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>A partner's own reference for its customer (orders placed for a partner only).</summary>
    public string? CustomerReference { get; set; }
    /// <summary>Placed with a test key: no stock was reserved, and only the partner's test environment sees it.</summary>
    public bool Test { get; set; }
    public List<OrderLine> Lines { get; set; } = [];
}

/// <summary>A line as it was bought: SKU, name and unit price are snapshots.</summary>
public sealed class OrderLine
{
    public Guid OrderId { get; set; }
    public Guid ProductId { get; set; }
    public required string Sku { get; set; }
    public required string Name { get; set; }
    public decimal UnitPrice { get; set; }
    public required string Currency { get; set; }
    public int Quantity { get; set; }
}
