using BffPlatform.CoreApi.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BffPlatform.CoreApi.Partners;

internal sealed class PartnerConfiguration : IEntityTypeConfiguration<Partner>
{
    public void Configure(EntityTypeBuilder<Partner> partner)
    {
        partner.ToTable("partners");
        partner.HasKey(p => p.Id);
        partner.Property(p => p.Name).HasMaxLength(PartnerLimits.NameMaxLength);
        partner.Property(p => p.Plan).HasMaxLength(PartnerLimits.PlanMaxLength);
        // The staff list, by name (keyset paging on Name, Id).
        partner.HasIndex(p => new { p.Name, p.Id });
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> key)
    {
        key.ToTable("api_keys");
        key.HasKey(k => k.Id);
        key.Property(k => k.Name).HasMaxLength(PartnerLimits.KeyNameMaxLength);
        key.Property(k => k.Kind).HasMaxLength(8);
        key.Property(k => k.DisplayPrefix).HasMaxLength(24);
        key.Property(k => k.Hash).HasMaxLength(32);
        key.Property(k => k.Scopes).HasMaxLength(200);
        key.Ignore(k => k.ScopeList);
        // Verification looks a key up by its prefix; unique, so one prefix names one hash.
        key.HasIndex(k => k.DisplayPrefix).IsUnique();
        key.HasIndex(k => new { k.PartnerId, k.CreatedAt });
        key.HasOne<Partner>().WithMany().HasForeignKey(k => k.PartnerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PartnerUsageConfiguration : IEntityTypeConfiguration<PartnerUsage>
{
    public void Configure(EntityTypeBuilder<PartnerUsage> usage)
    {
        usage.ToTable("partner_usage");
        usage.HasKey(u => new { u.Reporter, u.KeyId, u.Day });
        usage.Property(u => u.Reporter).HasMaxLength(PartnerLimits.ReporterMaxLength);
        usage.HasIndex(u => new { u.PartnerId, u.Day });
        usage.HasOne<ApiKey>().WithMany().HasForeignKey(u => u.KeyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PartnerAuditEntryConfiguration : IEntityTypeConfiguration<PartnerAuditEntry>
{
    public void Configure(EntityTypeBuilder<PartnerAuditEntry> entry)
    {
        entry.ToTable("partner_audit");
        entry.HasKey(e => e.Id);
        entry.Property(e => e.Actor).HasMaxLength(UserConfiguration.IdMaxLength);
        entry.Property(e => e.ActorName).HasMaxLength(200);
        entry.Property(e => e.Action).HasMaxLength(32);
        entry.Property(e => e.Summary).HasMaxLength(1000);
        // No foreign keys: the log outlives what it talks about, and is never updated.
        entry.HasIndex(e => new { e.PartnerId, e.Id });
    }
}
