using BffPlatform.CoreApi.Partners;
using BffPlatform.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BffPlatform.CoreApi.Data;

/// <summary>
/// Migrates (or, when migrations are a step of their own, checks that they ran) and, outside
/// Production, seeds the database before the server starts taking requests: hosted services start
/// before Kestrel does. <see cref="DatabaseStartup"/> makes the migration survive a process killed
/// in the middle of it.
/// </summary>
internal sealed partial class DatabaseInitializer(
    IServiceScopeFactory scopes,
    DatabaseMigration migration,
    IOptions<DatabaseOptions> options,
    IHostEnvironment environment,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.MigrateOnStart)
        {
            await migration.MigrateAsync(cancellationToken);
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
        if (!settings.MigrateOnStart)
        {
            await migration.EnsureCurrentAsync(db, cancellationToken);
        }
        if (db.Database.IsSqlite())
        {
            // WAL lets readers proceed while one writer commits; the setting is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        if (settings.SeedDemoData)
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
