using BffPlatform.Contracts.Products;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BffPlatform.CoreApi.Products;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> product)
    {
        product.ToTable("products");
        product.HasKey(p => p.Id);
        product.Property(p => p.Sku).HasMaxLength(ProductLimits.SkuMaxLength);
        product.HasIndex(p => p.Sku).IsUnique();
        product.Property(p => p.Name).HasMaxLength(ProductLimits.NameMaxLength);
        product.Property(p => p.Description).HasMaxLength(ProductLimits.DescriptionMaxLength);
        product.Property(p => p.Category).HasMaxLength(ProductLimits.CategoryMaxLength);
        product.Property(p => p.Currency).HasMaxLength(3).IsFixedLength();
        // Every writer (edits and stock reservations alike) bumps Version, so a stale writer
        // fails instead of overwriting.
        product.Property(p => p.Version).IsConcurrencyToken();
        // The list is ordered by (Name, Sku) and filtered by category.
        product.HasIndex(p => new { p.Name, p.Sku });
        product.HasIndex(p => new { p.Category, p.Name, p.Sku });
    }
}
