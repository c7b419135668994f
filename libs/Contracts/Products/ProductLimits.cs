namespace BffPlatform.Contracts.Products;

public static class ProductLimits
{
    public const int SkuMaxLength = 64;
    public const int NameMaxLength = 200;
    public const int DescriptionMaxLength = 4000;
    public const int CategoryMaxLength = 100;
    public const int SearchMaxLength = 200;
    public const int MaxStock = 1_000_000;
    public const decimal MaxPrice = 1_000_000m;
}
