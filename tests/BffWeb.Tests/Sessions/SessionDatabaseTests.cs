using BffPlatform.BffWeb.Sessions;
using BffPlatform.ServiceDefaults.Data;
using BffPlatform.Testing.Servers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace BffPlatform.BffWeb.Tests.Sessions;

/// <summary>The session database on both providers: migrations, the store's queries, files made before migrations.</summary>
public sealed class SessionDatabaseTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("bff-sessions-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task A_file_made_by_EnsureCreated_keeps_its_sessions_and_is_migrated_from_then_on()
    {
        var options = SqliteOptions(Path.Combine(_folder.FullName, "sessions.db"));
        await using (var before = new SessionDbContext(options))
        {
            await before.Database.EnsureCreatedAsync();
            before.Sessions.Add(Session("k1", "alice", DateTime.UtcNow.AddHours(1)));
            await before.SaveChangesAsync();
        }

        await using var db = new SessionDbContext(options);
        Assert.True(await SessionMigrationHooks.AdoptUnversionedSchemaAsync(db, CancellationToken.None));
        await db.Database.MigrateAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal("alice", (await db.Sessions.SingleAsync()).Subject);
        // Adopted once: a migrated file is left to migrations.
        Assert.False(await SessionMigrationHooks.AdoptUnversionedSchemaAsync(db, CancellationToken.None));
    }

    [Fact]
    public async Task A_new_file_is_made_by_the_migrations()
    {
        await using var db = new SessionDbContext(SqliteOptions(Path.Combine(_folder.FullName, "new.db")));

        Assert.False(await SessionMigrationHooks.AdoptUnversionedSchemaAsync(db, CancellationToken.None));
        await db.Database.MigrateAsync();

        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task On_PostgreSQL_the_store_creates_reads_updates_and_ends_sessions()
    {
        await using var server = await LocalPostgres.StartNewAsync();
        await server.CreateDatabaseAsync("sessions");
        var database = new PlatformDatabase(DatabaseProvider.Postgres, server.ConnectionString("sessions"));
        var contexts = new Contexts(() => new PostgresSessionDbContext(
            (DbContextOptions<PostgresSessionDbContext>)database.Configure(new DbContextOptionsBuilder<PostgresSessionDbContext>()).Options));
        await using (var db = contexts.CreateDbContext())
        {
            using var startup = new DatabaseStartup(Microsoft.Extensions.Options.Options.Create(new DatabaseStartupOptions()), NullLogger<DatabaseStartup>.Instance);
            await startup.MigrateAsync(db, CancellationToken.None);
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        }
        IUserSessionStore store = new EfUserSessionStore(contexts);
        var now = DateTime.UtcNow;

        await store.CreateAsync(Session("k1", "alice", now.AddHours(1), sid: "sid-1"), CancellationToken.None);
        await store.CreateAsync(Session("k2", "alice", now.AddHours(1), sid: "sid-2"), CancellationToken.None);
        await store.CreateAsync(Session("k3", "bob", now.AddMinutes(-1)), CancellationToken.None);

        var read = await store.GetAsync("k1", CancellationToken.None);
        Assert.Equal([1, 2, 3], read!.Ticket);
        Assert.Equal(DateTimeKind.Utc, read.ExpiresAt.Kind);
        Assert.True(await store.UpdateTicketAsync("k1", [9], now.AddHours(2), now, CancellationToken.None));
        Assert.False(await store.UpdateTicketAsync("gone", [9], now, now, CancellationToken.None));
        Assert.Equal([9], (await store.GetFreshAsync("k1", CancellationToken.None))!.Ticket);
        Assert.Equal(2, (await store.ListBySubjectAsync("alice", CancellationToken.None)).Count);

        var ended = await store.DeleteBySubjectOrSessionIdAsync("alice", "sid-2", CancellationToken.None);
        Assert.Equal("k2", Assert.Single(ended).Key);
        Assert.Equal(1, await store.DeleteExpiredAsync(now, CancellationToken.None));
        await store.DeleteAsync("k1", CancellationToken.None);
        Assert.Null(await store.GetAsync("k1", CancellationToken.None));
        Assert.Empty(await store.ListBySubjectAsync("bob", CancellationToken.None));
    }

    private static DbContextOptions<SessionDbContext> SqliteOptions(string file) =>
        new DbContextOptionsBuilder<SessionDbContext>().UseSqlite($"Data Source={file};Pooling=False").Options;

    private static UserSession Session(string key, string subject, DateTime expiresAt, string? sid = null) => new()
    {
        Key = key, Id = "id-" + key, Subject = subject, SessionId = sid, Ticket = [1, 2, 3],
        CreatedAt = DateTime.UtcNow, LastSeenAt = DateTime.UtcNow, ExpiresAt = expiresAt,
    };

    private sealed class Contexts(Func<SessionDbContext> create) : IDbContextFactory<SessionDbContext>
    {
        public SessionDbContext CreateDbContext() => create();
    }
}
