using System.Data.Common;
using BffPlatform.ServiceDefaults.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BffPlatform.CoreApi.Tests.Data;

/// <summary>
/// The shared start-up helper that identity and bff-web's sessions create their schema with:
/// a process that dies half-way through creating it must not leave a half schema that every
/// later start takes for complete (EnsureCreated skips a database with any table). EF Core 10
/// creates the tables in one transaction (measured: this holds without any help from the
/// helper); the test keeps it so across upgrades, and checks the file stays owned.
/// </summary>
public sealed class SchemaCreationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("schema-create-").FullName;

    private string DatabasePath => Path.Combine(_folder, "three.db");

    [Fact]
    public async Task A_create_that_dies_half_way_leaves_nothing_and_the_next_start_creates_every_table()
    {
        var crash = new CrashOnCreate(afterTables: 1);
        using (var startup = NewStartup())
        await using (var dying = new ThreeTables(DatabasePath, crash))
        {
            await Assert.ThrowsAsync<IOException>(() => startup.EnsureCreatedAsync(dying, CancellationToken.None));
        }
        Assert.Equal(1, crash.Created);

        using (var startup = NewStartup())
        await using (var next = new ThreeTables(DatabasePath, interceptor: null))
        {
            await startup.EnsureCreatedAsync(next, CancellationToken.None);
        }
        Assert.Equal(["Apples", "Cherries", "Pears"], await TablesAsync());
    }

    [Fact]
    public async Task The_database_file_is_owned_until_the_helper_is_disposed()
    {
        var startup = NewStartup();
        await using (var db = new ThreeTables(DatabasePath, interceptor: null))
        {
            await startup.EnsureCreatedAsync(db, CancellationToken.None);
        }
        Assert.Throws<IOException>(() => new FileStream(DatabaseFileOwner.LockPathOf(DatabasePath), FileMode.Open, FileAccess.ReadWrite, FileShare.None));
        startup.Dispose();
        using var free = new FileStream(DatabaseFileOwner.LockPathOf(DatabasePath), FileMode.Open, FileAccess.ReadWrite, FileShare.None);
    }

    private static DatabaseStartup NewStartup() =>
        new(Options.Create(new DatabaseStartupOptions()), NullLogger<DatabaseStartup>.Instance);

    private async Task<List<string>> TablesAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }
        return names;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private sealed class Apple { public int Id { get; set; } }
    private sealed class Pear { public int Id { get; set; } }
    private sealed class Cherry { public int Id { get; set; } }

    private sealed class ThreeTables(string path, IInterceptor? interceptor) : DbContext
    {
        public DbSet<Apple> Apples => Set<Apple>();
        public DbSet<Pear> Pears => Set<Pear>();
        public DbSet<Cherry> Cherries => Set<Cherry>();

        protected override void OnConfiguring(DbContextOptionsBuilder options)
        {
            options.UseSqlite($"Data Source={path};Pooling=False");
            if (interceptor is not null)
            {
                options.AddInterceptors(interceptor);
            }
        }
    }

    /// <summary>The process "dies" (an I/O error) when it is about to create one table more than <c>afterTables</c>.</summary>
    private sealed class CrashOnCreate(int afterTables) : DbCommandInterceptor
    {
        public int Created { get; private set; }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("CREATE TABLE", StringComparison.Ordinal))
            {
                if (Created == afterTables)
                {
                    throw new IOException("killed");
                }
                Created++;
            }
            return ValueTask.FromResult(result);
        }
    }
}
