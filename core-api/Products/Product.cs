namespace BffPlatform.CoreApi.Products;

/// <summary>
/// A catalog product. <see cref="Version"/> goes up on every change (stock included) and is
/// both the optimistic-concurrency token and the ETag.
/// </summary>
public sealed class Product
{
    public Guid Id { get; set; }
    public required string Sku { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public required string Category { get; set; }
    public decimal Price { get; set; }
    public required string Currency { get; set; }
    public int Stock { get; set; }
    public bool Active { get; set; } = true;
    public long Version { get; set; } = 1;
    public DateTimeOffset UpdatedAt { get; set; }
}
