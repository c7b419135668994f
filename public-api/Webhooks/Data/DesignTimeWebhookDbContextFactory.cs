using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace BffPlatform.PublicApi.Webhooks.Data;

/// <summary>For <c>dotnet ef migrations add</c> only: the model without the host.</summary>
internal sealed class DesignTimeWebhookDbContextFactory : IDesignTimeDbContextFactory<WebhookDbContext>
{
    public WebhookDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<WebhookDbContext>().UseSqlite("Data Source=webhooks.db").Options);
}
