using BffPlatform.CoreApi.Carts;
using BffPlatform.CoreApi.Idempotency;
using BffPlatform.CoreApi.Orders;
using BffPlatform.CoreApi.Outbox;
using BffPlatform.CoreApi.Partners;
using BffPlatform.CoreApi.Products;
using BffPlatform.CoreApi.Sync;
using BffPlatform.CoreApi.Users;
using Microsoft.EntityFrameworkCore;

namespace BffPlatform.CoreApi.Data;

/// <summary>
/// core-api's whole data model. Entity mappings live beside their features
/// (<c>IEntityTypeConfiguration</c> classes); queries stay provider-neutral LINQ. This type is the
/// SQLite model (its migrations are in <c>Data/Migrations</c>); <see cref="PostgresCoreDbContext"/>
/// is the same model on PostgreSQL, with its own migrations.
/// </summary>
public class CoreDbContext : DbContext
{
    public CoreDbContext(DbContextOptions<CoreDbContext> options) : base(options)
    {
    }

    /// <summary>For <see cref="PostgresCoreDbContext"/>: migrations are found by the context's type.</summary>
    protected CoreDbContext(DbContextOptions options) : base(options)
    {
    }

    public DbSet<User> Users => Set<User>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<Cart> Carts => Set<Cart>();
    public DbSet<CartLine> CartLines => Set<CartLine>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderLine> OrderLines => Set<OrderLine>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<OutboxEvent> OutboxEvents => Set<OutboxEvent>();
    public DbSet<OutboxDelivery> OutboxDeliveries => Set<OutboxDelivery>();
    public DbSet<OrderChange> OrderChanges => Set<OrderChange>();
    public DbSet<OrderChangeCounter> OrderChangeCounters => Set<OrderChangeCounter>();
    public DbSet<Partner> Partners => Set<Partner>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<PartnerUsage> PartnerUsage => Set<PartnerUsage>();
    public DbSet<PartnerAuditEntry> PartnerAudit => Set<PartnerAuditEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CoreDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        // Money: every amount has at most 4 decimals. SQLite has no decimal type (EF would store
        // TEXT, which sorts "10.00" before "9.00" and cannot be summed), so amounts are stored
        // as a scaled 64-bit integer there; PostgreSQL gets numeric(18,4).
        configuration.Properties<decimal>().HavePrecision(18, 4);
        if (Database.IsSqlite())
        {
            configuration.Properties<decimal>().HaveConversion<ScaledDecimalConverter>();
            // EF's SQLite provider cannot ORDER BY or compare DateTimeOffset (stored as TEXT);
            // UTC ticks sort and compare correctly.
            configuration.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        }
        else if (Database.IsNpgsql())
        {
            // timestamptz stores an instant and Npgsql refuses to write a non-zero offset: every
            // value is written as UTC (an API key's expiry may arrive with any offset).
            configuration.Properties<DateTimeOffset>().HaveConversion<ToUtcConverter>();
            // SQLite compares text byte by byte; a server's default collation (en_US.UTF-8, say)
            // sorts by language rules. "C" keeps names, SKUs and keyset cursors in the same order
            // on both providers (and lower() folds ASCII only, as SQLite's does).
            configuration.Properties<string>().UseCollation("C");
        }
    }
}
