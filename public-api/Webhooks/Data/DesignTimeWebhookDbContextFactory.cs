using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace BffPlatform.PublicApi.Webhooks.Data;

/// <summary>For <c>dotnet ef migrations add</c> only: the SQLite model without the host.</summary>
internal sealed class DesignTimeWebhookDbContextFactory : IDesignTimeDbContextFactory<WebhookDbContext>
{
    public WebhookDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<WebhookDbContext>().UseSqlite("Data Source=webhooks.db").Options);
}

/// <summary>For <c>dotnet ef migrations add --context PostgresWebhookDbContext</c> only: no server is contacted.</summary>
internal sealed class DesignTimePostgresWebhookDbContextFactory : IDesignTimeDbContextFactory<PostgresWebhookDbContext>
{
    public PostgresWebhookDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresWebhookDbContext>().UseNpgsql("Host=localhost;Database=webhooks").Options);
}
