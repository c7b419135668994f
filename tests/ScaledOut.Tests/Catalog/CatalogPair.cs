using System.Security.Cryptography;
using BffPlatform.ScaledOut.Tests.Backup;
using BffPlatform.Testing.Processes;

namespace BffPlatform.ScaledOut.Tests.Catalog;

/// <summary>
/// Two core-api processes on one PostgreSQL database (migrated first by the one-shot
/// <c>--migrate</c> step, instances with <c>Database:MigrateOnStart=false</c>) and one Redis, with
/// a cache time long enough that only invalidation can explain a fresh read. Both trust one
/// signing key, so a client of either is a client of both.
/// </summary>
public sealed class CatalogPair : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "catalog-pair-output")).FullName;

    public LocalPostgres Postgres { get; private set; } = null!;

    public LocalRedis Redis { get; private set; } = null!;

    public CoreApiOnPostgres A { get; private set; } = null!;

    public CoreApiOnPostgres B { get; private set; } = null!;

    public const string Database = "core";

    public async Task InitializeAsync()
    {
        try
        {
            Postgres = await LocalPostgres.StartNewAsync();
            Redis = await LocalRedis.StartNewAsync();
            await Postgres.CreateDatabaseAsync(Database);
            var connectionString = Postgres.ConnectionString(Database);
            await MigrateAsync(connectionString);

            var key = RSA.Create(2048);
            var settings = new Dictionary<string, string>
            {
                ["Redis:Configuration"] = Redis.Configuration,
                ["Redis:KeyPrefix"] = "catalog-pair:",
                ["Catalog:CacheDuration"] = "00:30:00",
            };
            var started = await Task.WhenAll(
                CoreApiOnPostgres.StartAsync(connectionString, _folder, migrateOnStart: false, seed: false, settings, key),
                CoreApiOnPostgres.StartAsync(connectionString, _folder, migrateOnStart: false, seed: false, settings, key));
            (A, B) = (started[0], started[1]);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>The migration Job: <c>core-api --migrate</c> must exit 0.</summary>
    private async Task MigrateAsync(string connectionString)
    {
        await using var migrate = ServiceProcess.Start(RepoPaths.Root, _folder, "core-api-migrate", "core-api", "BffPlatform.CoreApi", FreePort.Next(),
            new Dictionary<string, string>
            {
                ["Database:Provider"] = "Postgres",
                ["ConnectionStrings:Core"] = connectionString,
                ["Database:MigrateOnly"] = "true",
                ["DataProtection:KeysPath"] = Path.Combine(_folder, "keys"),
            });
        var exit = await migrate.WaitForExitAsync(TimeSpan.FromMinutes(3));
        Assert.True(exit == 0, $"core-api --migrate exited {exit}.\n{migrate.Tail()}");
    }

    public async Task DisposeAsync()
    {
        foreach (var api in new[] { A, B })
        {
            if (api is not null)
            {
                await api.DisposeAsync();
            }
        }
        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }
        if (Postgres is not null)
        {
            await Postgres.DisposeAsync();
        }
    }
}
