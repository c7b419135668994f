using BffPlatform.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace BffPlatform.PublicApi.Webhooks.Data;

/// <summary>
/// After <see cref="DatabaseMigration{TContext}"/> (hosted services start in order) and before
/// intake and dispatch start: WAL on SQLite.
/// </summary>
internal sealed class WebhookDatabaseInitializer(IDbContextFactory<WebhookDbContext> contexts) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL: the API reads while a dispatcher commits; the setting is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
