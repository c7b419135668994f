using BffPlatform.Contracts.Common;

namespace BffPlatform.Contracts.Products;

/// <summary>A catalog product. <see cref="Version"/> is what the ETag is made of.</summary>
public sealed record ProductDto(
    Guid Id,
    string Sku,
    string Name,
    string Description,
    string Category,
    Money Price,
    int Stock,
    bool Active,
    long Version,
    DateTimeOffset UpdatedAt);
