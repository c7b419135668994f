namespace BffPlatform.Contracts.Products;

/// <summary>Staff create a product. SKU is unique and cannot change afterwards.</summary>
public sealed record CreateProductRequest(
    string Sku,
    string Name,
    string? Description,
    string Category,
    decimal Price,
    string Currency,
    int Stock);

/// <summary>Staff replace a product's editable fields; requires <c>If-Match</c>.</summary>
public sealed record UpdateProductRequest(
    string Name,
    string? Description,
    string Category,
    decimal Price,
    string Currency,
    int Stock,
    bool Active);

/// <summary>Query of the product list. All fields optional.</summary>
public sealed record ProductQuery
{
    /// <summary>Text searched in SKU, name and description.</summary>
    public string? Q { get; init; }
    public string? Category { get; init; }
    public string? Cursor { get; init; }
    public int? PageSize { get; init; }
    /// <summary>Staff only: include deactivated products.</summary>
    public bool? IncludeInactive { get; init; }
}
