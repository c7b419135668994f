using BffPlatform.Contracts.Products;
using BffPlatform.CoreApi.Products;
using BffPlatform.CoreApi.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BffPlatform.CoreApi.Orders;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public const int StatusMaxLength = 16;

    public void Configure(EntityTypeBuilder<Order> order)
    {
        order.ToTable("orders");
        order.HasKey(o => o.Id);
        order.Property(o => o.CustomerId).HasMaxLength(UserConfiguration.IdMaxLength);
        // Stored by name: readable in SQL, and reordering the enum cannot corrupt data.
        order.Property(o => o.Status).HasConversion<string>().HasMaxLength(StatusMaxLength);
        order.Property(o => o.Currency).HasMaxLength(3).IsFixedLength();
        order.Property(o => o.Version).IsConcurrencyToken();
        order.Property(o => o.CustomerReference).HasMaxLength(OrderValidation.CustomerReferenceMaxLength);
        // No foreign key to users: a service caller (e.g. public-api for a partner) may place
        // orders for a customer id that never signed in here.
        order.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
        // "My orders, newest first" and the staff list filtered by status.
        order.HasIndex(o => new { o.CustomerId, o.CreatedAt });
        order.HasIndex(o => new { o.Status, o.CreatedAt });
        order.HasIndex(o => o.CreatedAt);
    }
}

internal sealed class OrderLineConfiguration : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> line)
    {
        line.ToTable("order_lines");
        line.HasKey(l => new { l.OrderId, l.ProductId });
        line.Property(l => l.Sku).HasMaxLength(ProductLimits.SkuMaxLength);
        line.Property(l => l.Name).HasMaxLength(ProductLimits.NameMaxLength);
        line.Property(l => l.Currency).HasMaxLength(3).IsFixedLength();
        line.HasOne<Product>().WithMany().HasForeignKey(l => l.ProductId).OnDelete(DeleteBehavior.Restrict);
    }
}
