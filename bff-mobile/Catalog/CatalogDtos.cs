using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Products;

namespace BffPlatform.BffMobile.Catalog;

/// <summary>A product in a list: what a row on a phone shows.</summary>
public sealed record ProductCardDto(Guid Id, string Name, Money Price, bool InStock)
{
    public static ProductCardDto Of(ProductDto p) => new(p.Id, p.Name, p.Price, p.Stock > 0);
}

/// <summary>A product's page. <see cref="Stock"/> lets the app say "only 3 left".</summary>
public sealed record ProductDetailDto(Guid Id, string Sku, string Name, string Description, string Category, Money Price, int Stock)
{
    public static ProductDetailDto Of(ProductDto p) => new(p.Id, p.Sku, p.Name, p.Description, p.Category, p.Price, p.Stock);
}

/// <summary>A page of products; <see cref="Next"/> is the opaque cursor of the next page, null on the last.</summary>
public sealed record ProductPageDto(IReadOnlyList<ProductCardDto> Items, string? Next)
{
    public static ProductPageDto Of(Page<ProductDto> page) => new([.. page.Items.Select(ProductCardDto.Of)], page.NextCursor);
}
