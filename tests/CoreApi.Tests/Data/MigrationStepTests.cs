using BffPlatform.CoreApi.Data;
using BffPlatform.CoreApi.Tests.Infrastructure;
using BffPlatform.ServiceDefaults.Data;
using BffPlatform.Testing.Processes;

namespace BffPlatform.CoreApi.Tests.Data;

/// <summary>
/// Migrations as their own step (scaled out): core-api as a real process on PostgreSQL. A one-shot
/// run applies what is pending and exits 0 (the Kubernetes migration Job); instances started with
/// <c>Database:MigrateOnStart=false</c> refuse a database that is behind them and start on one
/// that is current.
/// </summary>
public sealed class MigrationStepTests : IAsyncLifetime
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);
    private readonly string _folder = Directory.CreateTempSubdirectory("core-api-migrate-").FullName;
    private readonly string _database = $"core_{Guid.NewGuid():N}";

    private async Task<ServiceProcess> StartAsync(params (string Key, string Value)[] extra)
    {
        var server = await TestPostgres.ServerAsync();
        var settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Core"] = server.ConnectionString(_database),
            ["Database:MigrateOnStart"] = "false",
            ["DataProtection:KeysPath"] = Path.Combine(_folder, "keys"),
            // Never contacted: these tests call no authenticated endpoint.
            ["Authentication:Jwt:Authority"] = "http://127.0.0.1:9/",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }
        return ServiceProcess.Start(RepositoryPaths.Root, _folder, $"core-api-{Guid.NewGuid():N}", "core-api", "BffPlatform.CoreApi",
            FreePort.Next(), settings, RepositoryPaths.Configuration);
    }

    private Task<ServiceProcess> MigrateAsync(params (string Key, string Value)[] extra) =>
        StartAsync([("Database:MigrateOnly", "true"), .. extra]);

    [Fact]
    public async Task The_migrate_run_applies_every_migration_and_exits_0_and_only_then_instances_start()
    {
        var server = await TestPostgres.ServerAsync();
        await server.CreateDatabaseAsync(_database);

        await using (var early = await StartAsync())
        {
            // An instance of the new version before the Job ran: it must not serve on the old schema.
            var code = await early.WaitForExitAsync(Limit);
            Assert.NotEqual(0, code);
            Assert.Contains("missing", early.Tail(200), StringComparison.Ordinal);
            Assert.Contains(DatabaseMigrationSetup.Switch, early.Tail(200), StringComparison.Ordinal);
        }

        await using (var job = await MigrateAsync())
        {
            Assert.True(await job.WaitForExitAsync(Limit) == 0, job.Tail());
            Assert.Contains("The core-api database is migrated on Postgres", job.Tail(), StringComparison.Ordinal);
        }
        var applied = await server.PsqlAsync(_database, """SELECT string_agg("MigrationId", ',' ORDER BY "MigrationId") FROM "__EFMigrationsHistory" """);
        Assert.Equal(PostgresMigrations(), applied.Split(','));
        // The Job serves nothing and seeds nothing: the demo catalog is the instances' business.
        Assert.Equal("0", await server.PsqlAsync(_database, """SELECT COUNT(*) FROM products """));

        await using (var instance = await StartAsync(("Database:SeedDemoData", "true")))
        {
            await instance.WaitUntilReadyAsync("/health/ready", Limit);
        }
        Assert.NotEqual("0", await server.PsqlAsync(_database, """SELECT COUNT(*) FROM products """));

        // Run again (the next deployment with nothing new): nothing to do, still 0.
        await using var again = await MigrateAsync();
        Assert.True(await again.WaitForExitAsync(Limit) == 0, again.Tail());
    }

    [Fact]
    public async Task A_migrate_run_that_cannot_reach_its_database_exits_non_zero_and_says_why()
    {
        // Nothing listens on port 9: the Job fails (Kubernetes retries it) instead of reporting success.
        await using var job = await MigrateAsync(("ConnectionStrings:Core", "Host=127.0.0.1;Port=9;Database=core;Username=postgres;Timeout=2"),
            ("Data:Startup:SchemaTimeout", "00:00:20"));
        Assert.NotEqual(0, await job.WaitForExitAsync(Limit));
        Assert.Contains("Migrating the core-api database failed", job.Tail(200), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--migrate" }, new[] { "--Database:MigrateOnly=true" })]
    [InlineData(new[] { "--urls", "http://127.0.0.1:1", "--migrate" }, new[] { "--urls", "http://127.0.0.1:1", "--Database:MigrateOnly=true" })]
    [InlineData(new[] { "--urls", "http://127.0.0.1:1" }, new[] { "--urls", "http://127.0.0.1:1" })]
    public void The_migrate_switch_becomes_configuration(string[] args, string[] expected) =>
        Assert.Equal(expected, DatabaseMigrationSetup.ReadSwitch(args));

    /// <summary>The PostgreSQL set's migrations, as the assembly holds them.</summary>
    private static string[] PostgresMigrations() =>
        typeof(PostgresCoreDbContext).Assembly.GetTypes()
            .Where(t => t.Namespace == "BffPlatform.CoreApi.Data.Migrations.Postgres" && t.BaseType == typeof(Microsoft.EntityFrameworkCore.Migrations.Migration))
            .Select(t => t.GetCustomAttributes(typeof(Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute), false).Cast<Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute>().Single().Id)
            .Order(StringComparer.Ordinal)
            .ToArray();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return Task.CompletedTask;
    }
}
