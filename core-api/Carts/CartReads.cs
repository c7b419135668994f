using BffPlatform.Contracts.Carts;
using BffPlatform.Contracts.Common;
using BffPlatform.CoreApi.Data;
using Microsoft.EntityFrameworkCore;

namespace BffPlatform.CoreApi.Carts;

public static class CartReads
{
    /// <summary>The currency of an empty cart's zero total (the demo catalog's).</summary>
    public const string DefaultCurrency = "EUR";

    /// <summary>
    /// The cart priced NOW: unit prices, stock and active flags come from the catalog, never from
    /// when the line was added. Inactive products stay in the cart, flagged, and count in the
    /// total (the total is what the cart shows); checkout refuses them with product_inactive.
    /// </summary>
    public static async Task<CartDto> GetAsync(CoreDbContext db, string userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var updatedAt = await db.Carts.AsNoTracking().Where(c => c.UserId == userId).Select(c => (DateTimeOffset?)c.UpdatedAt).FirstOrDefaultAsync(cancellationToken);
        var rows = await db.CartLines.AsNoTracking()
            .Where(l => l.UserId == userId)
            .Join(db.Products.AsNoTracking(), l => l.ProductId, p => p.Id, (l, p) => new { l.Quantity, l.AddedAt, Product = p })
            .ToListAsync(cancellationToken);

        var lines = rows
            .OrderBy(r => r.AddedAt).ThenBy(r => r.Product.Sku, StringComparer.Ordinal)
            .Select(r => new CartLineDto(
                r.Product.Id, r.Product.Sku, r.Product.Name,
                new Money(r.Product.Price, r.Product.Currency),
                r.Quantity,
                new Money(r.Product.Price * r.Quantity, r.Product.Currency),
                r.Product.Stock,
                r.Product.Active))
            .ToList();
        // Adding refuses a second currency; should a product's currency change later, the total
        // keeps to the first line's and checkout refuses with currency_mismatch.
        var currency = lines.Count > 0 ? lines[0].UnitPrice.Currency : DefaultCurrency;
        var inCurrency = lines.Where(l => l.UnitPrice.Currency == currency).ToList();
        return new CartDto(
            lines,
            new Money(inCurrency.Sum(l => l.LineTotal.Amount), currency),
            lines.Sum(l => l.Quantity),
            updatedAt ?? now);
    }
}
