using BffPlatform.Identity.Data;
using BffPlatform.Identity.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BffPlatform.Identity.Tests;

/// <summary>
/// identity's schema comes from migrations: a database made before them (EnsureCreated) is
/// baselined with what it holds; a migration lock a killed process left behind does not stop the
/// next start; an instance told not to migrate refuses a database that is behind it.
/// </summary>
public sealed class MigrationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("identity-migrations-").FullName;

    private string DatabasePath => Path.Combine(_folder, "identity.db");

    private IdentityDb OpenDb() =>
        new(new DbContextOptionsBuilder<IdentityDb>().UseSqlite($"Data Source={DatabasePath};Pooling=False").UseOpenIddict().Options);

    private IdentityFactory Identity(IDictionary<string, string?>? settings = null) =>
        new(_folder, settings: settings) { KeepData = true };

    [Fact]
    public async Task A_database_made_by_EnsureCreated_is_baselined_and_keeps_its_rows()
    {
        await using (var old = OpenDb())
        {
            Assert.True(await old.Database.EnsureCreatedAsync());
            old.SessionClients.Add(new SessionClient { SessionId = "sid-from-before", ClientId = "bff-web", Subject = "someone", CreatedAt = DateTimeOffset.UtcNow });
            await old.SaveChangesAsync();
        }

        using (var identity = Identity())
        {
            using var browser = identity.CreateBrowser();
            var tokens = await OAuth.CodeFlowAsync(identity, browser);
            Assert.False(tokens.IsError, tokens.ErrorDescription);
        }

        await using var db = OpenDb();
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal("someone", (await db.SessionClients.SingleAsync(s => s.SessionId == "sid-from-before")).Subject);
    }

    [Fact]
    public async Task A_migration_lock_left_by_a_killed_process_is_taken_over_at_the_next_start()
    {
        using (var first = Identity())
        {
            first.CreateClient().Dispose();
        }
        await using (var db = OpenDb())
        {
            // What a process killed in the middle of migrating leaves: EF Core's lock row.
            await db.Database.ExecuteSqlRawAsync("INSERT INTO \"__EFMigrationsLock\" (\"Id\", \"Timestamp\") VALUES (1, '2026-11-30 00:00:00+00:00')");
        }

        // Without the take-over EF Core would wait on the row until SchemaTimeout and the start would fail.
        using var next = Identity(new Dictionary<string, string?> { ["Data:Startup:SchemaTimeout"] = "00:00:20" });
        var response = await OAuth.ClientCredentialsAsync(next.CreateClient(), OAuth.InternalTools, OAuth.InternalToolsSecret);

        Assert.False(response.IsError, response.Error + " " + response.ErrorDescription);
        await using var after = OpenDb();
        Assert.Equal(0, await after.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM \"__EFMigrationsLock\"").SingleAsync());
    }

    [Fact]
    public void An_instance_that_does_not_migrate_refuses_a_database_without_the_migrations_naming_the_step()
    {
        using var identity = Identity(new Dictionary<string, string?> { ["Database:MigrateOnStart"] = "false" });

        var failure = identity.StartupFailure();

        Assert.Contains("missing 1 migration(s)", failure);
        Assert.Contains("InitialCreate", failure);
        Assert.Contains("Database:MigrateOnStart is false: run identity --migrate", failure);
    }

    [Fact]
    public async Task An_instance_that_does_not_migrate_serves_a_migrated_database()
    {
        using (var migrating = Identity())
        {
            migrating.CreateClient().Dispose();
        }

        using var instance = Identity(new Dictionary<string, string?> { ["Database:MigrateOnStart"] = "false" });
        var response = await OAuth.ClientCredentialsAsync(instance.CreateClient(), OAuth.InternalTools, OAuth.InternalToolsSecret);

        Assert.False(response.IsError, response.Error + " " + response.ErrorDescription);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
