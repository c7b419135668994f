using BffPlatform.Contracts.Orders;
using BffPlatform.PublicApi.Idempotency;
using BffPlatform.ServiceDefaults.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace BffPlatform.PublicApi.Webhooks.Data;

/// <summary>
/// public-api's own database: partners' webhook endpoints, the messages taken from core-api's outbox,
/// their deliveries and every attempt of them, and the idempotency records of the POSTs public-api
/// answers itself. SQLite by default; <see cref="PostgresWebhookDbContext"/> carries the PostgreSQL migrations.
/// </summary>
public class WebhookDbContext : DbContext
{
    public WebhookDbContext(DbContextOptions<WebhookDbContext> options) : base(options)
    {
    }

    /// <summary>For a provider's derived context (its own migrations set).</summary>
    protected WebhookDbContext(DbContextOptions options) : base(options)
    {
    }

    public DbSet<WebhookEndpoint> Endpoints => Set<WebhookEndpoint>();
    public DbSet<WebhookMessage> Messages => Set<WebhookMessage>();
    public DbSet<WebhookDelivery> Deliveries => Set<WebhookDelivery>();
    public DbSet<WebhookDeliveryAttempt> DeliveryAttempts => Set<WebhookDeliveryAttempt>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        if (Database.IsSqlite())
        {
            // SQLite cannot compare or order DateTimeOffset text; as UTC ticks it can (due and lease queries).
            configuration.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<WebhookEndpoint>(e =>
        {
            e.ToTable("endpoints");
            e.Property(x => x.Environment).HasMaxLength(8);
            e.Property(x => x.Url).HasMaxLength(WebhookEndpoint.UrlMaxLength);
            e.Property(x => x.Description).HasMaxLength(WebhookEndpoint.DescriptionMaxLength);
            e.Property(x => x.EventTypes).HasMaxLength(512);
            e.Property(x => x.DisabledReason).HasMaxLength(256);
            e.Property(x => x.Secret).HasMaxLength(1024);
            e.Property(x => x.PreviousSecret).HasMaxLength(1024);
            e.Ignore(x => x.EventTypeList);
            e.HasIndex(x => new { x.PartnerId, x.Environment });
        });
        model.Entity<WebhookMessage>(e =>
        {
            e.ToTable("messages");
            e.Property(x => x.Id).HasMaxLength(40);
            e.Property(x => x.Environment).HasMaxLength(8);
            e.Property(x => x.Type).HasMaxLength(64);
            e.Property(x => x.TraceParent).HasMaxLength(StoredTraceContext.TraceParentMaxLength);
            e.Property(x => x.TraceState).HasMaxLength(StoredTraceContext.TraceStateMaxLength);
            e.HasIndex(x => x.OutboxEventId).IsUnique();
        });
        model.Entity<WebhookDelivery>(e =>
        {
            e.ToTable("deliveries");
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.LastError).HasMaxLength(WebhookDelivery.ErrorMaxLength);
            e.HasOne(x => x.Message).WithMany().HasForeignKey(x => x.MessageId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(x => x.Endpoint).WithMany().HasForeignKey(x => x.EndpointId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.Status, x.NextAttemptAt });
            e.HasIndex(x => new { x.EndpointId, x.Id });
            // Retention: finished deliveries by when they finished.
            e.HasIndex(x => x.CompletedAt);
        });
        model.Entity<WebhookDeliveryAttempt>(e =>
        {
            e.ToTable("delivery_attempts");
            e.Property(x => x.Error).HasMaxLength(WebhookDelivery.ErrorMaxLength);
            // No foreign key: a send whose endpoint was deleted meanwhile still happened and is recorded
            // with the round (a key violation would fail the round and resend the rest); retention removes it.
            e.HasIndex(x => new { x.DeliveryId, x.Id });
            e.HasIndex(x => x.AttemptedAt);
        });
        model.Entity<IdempotencyRecord>(e =>
        {
            e.ToTable("idempotency_records");
            e.Property(x => x.Scope).HasMaxLength(IdempotencyRecord.ScopeMaxLength);
            e.Property(x => x.Key).HasMaxLength(OrderLimits.IdempotencyKeyMaxLength);
            e.Property(x => x.RequestHash).HasMaxLength(64);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.ContentType).HasMaxLength(200);
            e.Property(x => x.ResponseLocation).HasMaxLength(2048);
            // The arbiter of "who claimed this key first", on either provider.
            e.HasIndex(x => new { x.Scope, x.Key }).IsUnique();
            e.HasIndex(x => x.ExpiresAt);
        });
    }
}
