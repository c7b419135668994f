using BffPlatform.CoreApi.Partners;
using BffPlatform.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BffPlatform.CoreApi.Data;

/// <summary>
/// After <see cref="DatabaseMigration{TContext}"/> has migrated the database (or checked that the
/// migration step did) and before the server takes requests (hosted services start in order, and
/// before Kestrel): WAL on SQLite and, outside Production, the demo seed. Seeding is the instances'
/// business, never the migration step's.
/// </summary>
internal sealed partial class DatabaseInitializer(
    IServiceScopeFactory scopes,
    IOptions<DatabaseOptions> options,
    IHostEnvironment environment,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
        if (db.Database.IsSqlite())
        {
            // WAL lets readers proceed while one writer commits; the setting is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        if (options.Value.SeedDemoData)
        {
            var seeded = await scope.ServiceProvider.GetRequiredService<DemoCatalogSeeder>().SeedAsync(cancellationToken);
            LogSeeded(logger, seeded);
            // Its keys' secrets are checked in: Development only, whatever else seeds demo data.
            if (environment.IsDevelopment() && await scope.ServiceProvider.GetRequiredService<DemoPartnerSeeder>().SeedAsync(cancellationToken))
            {
                LogPartnerSeeded(logger);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo catalog seeded: {Added} products added")]
    private static partial void LogSeeded(ILogger logger, int added);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo partner seeded")]
    private static partial void LogPartnerSeeded(ILogger logger);
}
