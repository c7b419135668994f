using BffPlatform.Contracts.Products;
using BffPlatform.PublicApi.Versions;

namespace BffPlatform.PublicApi.Catalog;

/// <summary>A product in v2: v1's fields, with the price in minor units.</summary>
public sealed record ProductV2Dto(
    Guid Id,
    string Sku,
    string Name,
    string Description,
    string Category,
    MinorUnitMoney Price,
    int Stock,
    bool Active,
    long Version,
    DateTimeOffset UpdatedAt)
{
    public static ProductV2Dto From(ProductDto p) =>
        new(p.Id, p.Sku, p.Name, p.Description, p.Category, MinorUnitMoney.From(p.Price), p.Stock, p.Active, p.Version, p.UpdatedAt);
}
