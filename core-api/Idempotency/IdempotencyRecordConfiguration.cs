using BffPlatform.Contracts.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BffPlatform.CoreApi.Idempotency;

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public const int ScopeMaxLength = 300;

    public void Configure(EntityTypeBuilder<IdempotencyRecord> record)
    {
        record.ToTable("idempotency_records");
        record.HasKey(r => r.Id);
        record.Property(r => r.Scope).HasMaxLength(ScopeMaxLength);
        record.Property(r => r.Key).HasMaxLength(OrderLimits.IdempotencyKeyMaxLength);
        record.Property(r => r.RequestHash).HasMaxLength(64);
        record.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        record.Property(r => r.ContentType).HasMaxLength(200);
        record.Property(r => r.ResponseLocation).HasMaxLength(2048);
        // The arbiter of "who claimed this key first", on any provider.
        record.HasIndex(r => new { r.Scope, r.Key }).IsUnique();
        record.HasIndex(r => r.ExpiresAt);
    }
}
