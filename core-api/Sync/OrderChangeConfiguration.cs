using BffPlatform.CoreApi.Orders;
using BffPlatform.CoreApi.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BffPlatform.CoreApi.Sync;

internal sealed class OrderChangeConfiguration : IEntityTypeConfiguration<OrderChange>
{
    public void Configure(EntityTypeBuilder<OrderChange> change)
    {
        change.ToTable("order_changes");
        // The feed reads one customer's changes after a sequence number: the key is that range.
        change.HasKey(c => new { c.CustomerId, c.Sequence });
        change.Property(c => c.CustomerId).HasMaxLength(UserConfiguration.IdMaxLength);
        change.HasOne<Order>().WithMany().HasForeignKey(c => c.OrderId).OnDelete(DeleteBehavior.Cascade);
        // The cleanup looks for a later change of the same order, among old rows.
        change.HasIndex(c => new { c.OrderId, c.Sequence });
        change.HasIndex(c => c.ChangedAt);
    }
}

internal sealed class OrderChangeCounterConfiguration : IEntityTypeConfiguration<OrderChangeCounter>
{
    public void Configure(EntityTypeBuilder<OrderChangeCounter> counter)
    {
        counter.ToTable("order_change_counters");
        counter.HasKey(c => c.CustomerId);
        counter.Property(c => c.CustomerId).HasMaxLength(UserConfiguration.IdMaxLength);
    }
}
