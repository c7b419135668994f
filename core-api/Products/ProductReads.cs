using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Products;
using BffPlatform.CoreApi.Data;
using BffPlatform.CoreApi.Paging;
using Microsoft.EntityFrameworkCore;

namespace BffPlatform.CoreApi.Products;

/// <summary>The catalog's database reads (what the cache loads). Provider-neutral LINQ only.</summary>
public static class ProductReads
{
    /// <summary>Keyset position in the list order (Name, Sku). Sku is unique, so the order is total.</summary>
    public sealed record ListCursor(string N, string S);

    public sealed record ListQuery(string? Search, string? Category, ListCursor? After, int PageSize, bool IncludeInactive)
    {
        /// <summary>Everything a page depends on, for the cache key.</summary>
        /// <remarks>Parts are escaped: HybridCache refuses keys with control characters.</remarks>
        public string CacheKey => string.Join('&',
            Uri.EscapeDataString(Search ?? ""), Uri.EscapeDataString(Category ?? ""),
            Uri.EscapeDataString(After?.N ?? ""), Uri.EscapeDataString(After?.S ?? ""),
            PageSize, IncludeInactive ? "all" : "active");
    }

    public static async Task<Page<ProductDto>> ListAsync(CoreDbContext db, ListQuery query, CancellationToken cancellationToken)
    {
        var products = db.Products.AsNoTracking();
        if (!query.IncludeInactive)
        {
            products = products.Where(p => p.Active);
        }
        if (query.Category is { Length: > 0 } category)
        {
            products = products.Where(p => p.Category == category);
        }
        if (query.Search is { Length: > 0 } search)
        {
            // lower() on both sides: case-insensitive on SQLite and PostgreSQL alike (ASCII on SQLite).
            products = products.Where(p =>
                p.Sku.ToLower().Contains(search) ||
                p.Name.ToLower().Contains(search) ||
                p.Description.ToLower().Contains(search));
        }
        if (query.After is { } after)
        {
            products = products.Where(p =>
                string.Compare(p.Name, after.N) > 0 ||
                (p.Name == after.N && string.Compare(p.Sku, after.S) > 0));
        }
        var rows = await products
            .OrderBy(p => p.Name).ThenBy(p => p.Sku)
            .Take(query.PageSize + 1)
            .ToListAsync(cancellationToken);

        var items = rows.Take(query.PageSize).Select(ToDto).ToList();
        var next = rows.Count > query.PageSize
            ? Cursor<ListCursor>.Encode(new ListCursor(items[^1].Name, items[^1].Sku))
            : null;
        return new Page<ProductDto>(items, next);
    }

    public static async Task<ProductDto?> FindAsync(CoreDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var product = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        return product is null ? null : ToDto(product);
    }

    public static async Task<IReadOnlyList<string>> CategoriesAsync(CoreDbContext db, bool includeInactive, CancellationToken cancellationToken) =>
        await db.Products.AsNoTracking()
            .Where(p => includeInactive || p.Active)
            .Select(p => p.Category)
            .Distinct()
            .OrderBy(c => c)
            .ToListAsync(cancellationToken);

    public static ProductDto ToDto(Product p) =>
        new(p.Id, p.Sku, p.Name, p.Description, p.Category, new Money(p.Price, p.Currency), p.Stock, p.Active, p.Version, p.UpdatedAt);
}
