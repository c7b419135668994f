using Microsoft.EntityFrameworkCore;

namespace BffPlatform.PublicApi.Webhooks.Data;

/// <summary>Hands out <see cref="PostgresWebhookDbContext"/>s to code that asks for the model's contexts.</summary>
internal sealed class PostgresWebhookContexts(IDbContextFactory<PostgresWebhookDbContext> postgres) : IDbContextFactory<WebhookDbContext>
{
    public WebhookDbContext CreateDbContext() => postgres.CreateDbContext();

    public async Task<WebhookDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await postgres.CreateDbContextAsync(cancellationToken);
}
