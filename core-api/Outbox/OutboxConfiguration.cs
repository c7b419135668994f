using BffPlatform.ServiceDefaults.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BffPlatform.CoreApi.Outbox;

internal sealed class OutboxEventConfiguration : IEntityTypeConfiguration<OutboxEvent>
{
    public void Configure(EntityTypeBuilder<OutboxEvent> e)
    {
        e.ToTable("outbox_events");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).ValueGeneratedOnAdd();
        e.Property(x => x.Type).HasMaxLength(64);
        e.Property(x => x.TraceParent).HasMaxLength(StoredTraceContext.TraceParentMaxLength);
        e.Property(x => x.TraceState).HasMaxLength(StoredTraceContext.TraceStateMaxLength);
        e.HasIndex(x => new { x.AggregateId, x.AggregateVersion });
        e.HasIndex(x => x.OccurredAt);
    }
}

internal sealed class OutboxDeliveryConfiguration : IEntityTypeConfiguration<OutboxDelivery>
{
    public const int ConsumerMaxLength = 100;

    public void Configure(EntityTypeBuilder<OutboxDelivery> d)
    {
        d.ToTable("outbox_deliveries");
        d.HasKey(x => new { x.Consumer, x.EventId });
        d.Property(x => x.Consumer).HasMaxLength(ConsumerMaxLength);
        d.HasOne<OutboxEvent>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
        d.HasIndex(x => x.EventId);
    }
}
