using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace BffPlatform.PublicApi.Webhooks.Data;

/// <summary>public-api's own database: partners' webhook endpoints, the messages taken from core-api's outbox, and their deliveries.</summary>
public sealed class WebhookDbContext(DbContextOptions<WebhookDbContext> options) : DbContext(options)
{
    public DbSet<WebhookEndpoint> Endpoints => Set<WebhookEndpoint>();
    public DbSet<WebhookMessage> Messages => Set<WebhookMessage>();
    public DbSet<WebhookDelivery> Deliveries => Set<WebhookDelivery>();

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
        });
    }
}
