using BffPlatform.CoreApi.Tests.Infrastructure;
using BffPlatform.ServiceDefaults.Data;
using BffPlatform.Testing.Processes;
using Microsoft.Data.Sqlite;

namespace BffPlatform.CoreApi.Tests.Data;

/// <summary>
/// core-api as a real process, killed and started again over the same SQLite file (issue 10 #1):
/// a kill during a migration leaves EF Core's lock row behind, and the next start must take it
/// over and come up with every row kept; a file that a live process owns is waited for with a
/// bound and a log line.
/// </summary>
public sealed class StartupAfterKillTests : IAsyncLifetime
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(90);
    private readonly string _folder = Directory.CreateTempSubdirectory("core-api-kill-").FullName;

    private string DatabasePath => Path.Combine(_folder, "core.db");

    private ServiceProcess Start(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:Core"] = $"Data Source={DatabasePath}",
            // Never contacted: these tests call no authenticated endpoint.
            ["Authentication:Jwt:Authority"] = "http://127.0.0.1:9/",
            ["Database:SeedDemoData"] = "true",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }
        return ServiceProcess.Start(RepositoryPaths.Root, _folder, $"core-api-{Guid.NewGuid():N}", "core-api", "BffPlatform.CoreApi",
            FreePort.Next(), settings, RepositoryPaths.Configuration);
    }

    [Fact]
    public async Task A_migration_lock_left_by_a_killed_process_is_taken_over_and_no_row_is_lost()
    {
        long productsBefore;
        await using (var first = Start())
        {
            await first.WaitUntilReadyAsync("/health/ready", StartLimit);
            productsBefore = await ScalarAsync("SELECT COUNT(*) FROM Products");
            Assert.True(productsBefore > 0, "the demo catalog was seeded");
        }
        // What a kill in the middle of a migration leaves: EF Core's lock row, taken by a process
        // that is gone (its owner file stays, no longer locked by anyone).
        await ExecuteAsync("""
            CREATE TABLE IF NOT EXISTS "__EFMigrationsLock" ("Id" INTEGER NOT NULL CONSTRAINT "PK___EFMigrationsLock" PRIMARY KEY, "Timestamp" TEXT NOT NULL);
            INSERT INTO "__EFMigrationsLock" ("Id", "Timestamp") VALUES (1, '2026-11-29 19:00:00+00:00');
            """);
        Assert.True(File.Exists(DatabaseFileOwner.LockPathOf(DatabasePath)), "the first process made its owner file");

        await using var second = Start(("Data:Startup:SchemaTimeout", "00:01:00"));
        await second.WaitUntilReadyAsync("/health/ready", StartLimit);

        Assert.Contains("Took over __EFMigrationsLock", second.Tail(400), StringComparison.Ordinal);
        Assert.Equal(productsBefore, await ScalarAsync("SELECT COUNT(*) FROM Products"));
        Assert.Equal(0, await ScalarAsync("""SELECT COUNT(*) FROM "__EFMigrationsLock" """));
    }

    [Fact]
    public async Task A_database_owned_by_a_live_process_is_waited_for_with_a_bound_and_says_so()
    {
        Directory.CreateDirectory(_folder);
        // Another live owner: an exclusive lock on the owner file, as a running core-api holds it.
        var other = new FileStream(DatabaseFileOwner.LockPathOf(DatabasePath), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        await using (var blocked = Start(("Data:Startup:OwnershipWait", "00:00:03"), ("Data:Startup:ProgressInterval", "00:00:01")))
        {
            var deadline = DateTime.UtcNow + StartLimit;
            while (!blocked.HasExited && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
            Assert.True(blocked.HasExited, "core-api gave up instead of waiting for ever\n" + blocked.Tail());
            var log = blocked.Tail(400);
            Assert.Contains("another live process owns it", log, StringComparison.Ordinal);
            Assert.Contains("Another process still owns the database", log, StringComparison.Ordinal);
        }

        // The owner goes away (as a killed process does): the next start owns the file and comes up.
        await other.DisposeAsync();
        await using var next = Start();
        await next.WaitUntilReadyAsync("/health/ready", StartLimit);
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return Task.CompletedTask;
    }
}
