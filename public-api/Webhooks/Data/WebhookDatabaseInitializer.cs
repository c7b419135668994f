using BffPlatform.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace BffPlatform.PublicApi.Webhooks.Data;

/// <summary>Migrates the webhook database before the server takes requests and before intake and dispatch start (hosted services start in order).</summary>
internal sealed class WebhookDatabaseInitializer(IDbContextFactory<WebhookDbContext> contexts, DatabaseStartup startup) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await startup.MigrateAsync(db, cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL: the API reads while a dispatcher commits; the setting is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
