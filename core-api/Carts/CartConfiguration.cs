using BffPlatform.CoreApi.Products;
using BffPlatform.CoreApi.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BffPlatform.CoreApi.Carts;

internal sealed class CartConfiguration : IEntityTypeConfiguration<Cart>
{
    public void Configure(EntityTypeBuilder<Cart> cart)
    {
        cart.ToTable("carts");
        cart.HasKey(c => c.UserId);
        cart.Property(c => c.UserId).HasMaxLength(UserConfiguration.IdMaxLength);
        cart.HasOne<User>().WithOne().HasForeignKey<Cart>(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        cart.HasMany(c => c.Lines).WithOne().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CartLineConfiguration : IEntityTypeConfiguration<CartLine>
{
    public void Configure(EntityTypeBuilder<CartLine> line)
    {
        line.ToTable("cart_lines");
        line.HasKey(l => new { l.UserId, l.ProductId });
        line.Property(l => l.UserId).HasMaxLength(UserConfiguration.IdMaxLength);
        // A product is deactivated, never deleted; Restrict keeps carts honest if one ever is.
        line.HasOne<Product>().WithMany().HasForeignKey(l => l.ProductId).OnDelete(DeleteBehavior.Restrict);
    }
}
