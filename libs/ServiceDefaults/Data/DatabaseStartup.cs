using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BffPlatform.ServiceDefaults.Data;

/// <summary>
/// Creates or migrates a service's database at start-up so that a process killed at any point
/// of it does not stop the next start: a SQLite file is owned by one process for its whole life
/// (<see cref="DatabaseFileOwner"/>), so a migration lock left inside it by a killed owner is
/// recognised and cleared; a schema is created in one transaction; every wait is bounded and
/// says in the log what it waits for. In the scaled-out mode migrations run as their own step,
/// so the doors never race to migrate a shared server database.
/// </summary>
public sealed partial class DatabaseStartup(IOptions<DatabaseStartupOptions> options, ILogger<DatabaseStartup> logger) : IDisposable
{
    /// <summary>EF Core's SQLite migration lock (one row while a migration runs; EF Core 9 and later).</summary>
    public const string SqliteMigrationLockTable = "__EFMigrationsLock";

    private const string SqliteProvider = "Microsoft.EntityFrameworkCore.Sqlite";
    private const string LockTableCountSql = "SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = '" + SqliteMigrationLockTable + "'";
    private const string LockRowsSql = "SELECT CAST(\"Timestamp\" AS TEXT) AS \"Value\" FROM \"" + SqliteMigrationLockTable + "\"";
    private const string DeleteLockRowsSql = "DELETE FROM \"" + SqliteMigrationLockTable + "\"";

    private readonly ConcurrentDictionary<string, DatabaseFileOwner> _owned = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _ownership = new(1, 1);

    /// <summary>Applies pending migrations.</summary>
    public async Task MigrateAsync(DbContext db, CancellationToken cancellationToken)
    {
        var file = await OwnAsync(db, cancellationToken);
        if (file is not null)
        {
            await ClearAbandonedMigrationLockAsync(db, file, cancellationToken);
        }
        await BoundedAsync(Describe(db, file), "Applying migrations", $"EF Core's migration lock ({SqliteMigrationLockTable} on SQLite) or a long migration step",
            async token =>
            {
                // Every restart finds nothing pending: asking the history table is enough. EF Core's
                // Migrate would first diff the whole model against the migrations' snapshot, about
                // 150 ms of every start-up; the tests hold each model to its snapshot instead.
                if ((await db.Database.GetPendingMigrationsAsync(token)).Any())
                {
                    await db.Database.MigrateAsync(token);
                }
            }, cancellationToken);
    }

    /// <summary>
    /// Creates the schema when the database has none. EnsureCreated skips a database with any
    /// table, so a half-made schema would stay half made: EF Core creates every table in one
    /// transaction (SchemaCreationTests holds it to that), so a kill mid-create leaves none
    /// (SQLite rolls the journal back on the next open), and owning the file keeps a second
    /// process from creating alongside.
    /// </summary>
    public async Task EnsureCreatedAsync(DbContext db, CancellationToken cancellationToken)
    {
        var file = await OwnAsync(db, cancellationToken);
        await BoundedAsync(Describe(db, file), "Creating the schema", "the database (a lock inside it, or the server)",
            db.Database.EnsureCreatedAsync, cancellationToken);
    }

    /// <summary>
    /// The SQLite file behind <paramref name="db"/>, owned by this process from now on; null for other
    /// databases. Public for work that must happen under the same ownership before migrating (identity
    /// baselines a schema made by EnsureCreated); owning twice is harmless.
    /// </summary>
    public async Task<string?> OwnAsync(DbContext db, CancellationToken cancellationToken)
    {
        if (SqliteFile(db) is not { } file)
        {
            return null;
        }
        await _ownership.WaitAsync(cancellationToken);
        try
        {
            if (!_owned.ContainsKey(file))
            {
                var settings = options.Value;
                _owned[file] = await DatabaseFileOwner.AcquireAsync(file, settings.OwnershipWait, settings.ProgressInterval, logger, TimeProvider.System, cancellationToken);
            }
        }
        finally
        {
            _ownership.Release();
        }
        return file;
    }

    /// <summary>The full path of a SQLite file database; null for other providers and in-memory databases.</summary>
    public static string? SqliteFile(DbContext db)
    {
        if (db.Database.ProviderName != SqliteProvider || db.Database.GetConnectionString() is not { Length: > 0 } connectionString)
        {
            return null;
        }
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        string? source = null;
        foreach (var key in new[] { "Data Source", "DataSource", "Filename" })
        {
            if (builder.TryGetValue(key, out var value) && value is string { Length: > 0 } text)
            {
                source = text;
            }
        }
        var memory = builder.TryGetValue("Mode", out var mode) && string.Equals(mode as string, "Memory", StringComparison.OrdinalIgnoreCase);
        return source is null || memory || source == ":memory:" || source.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            ? null
            : Path.GetFullPath(source);
    }

    /// <summary>
    /// We own the file, so no live process is migrating it: a lock row is what a killed owner left
    /// behind, and EF Core would wait on it for ever.
    /// </summary>
    private async Task ClearAbandonedMigrationLockAsync(DbContext db, string file, CancellationToken cancellationToken)
    {
        // Plain commands, not EF Core queries: compiling two LINQ queries cost about 150 ms of every start-up.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = db.Database.GetDbConnection();
            if (Convert.ToInt64(await ScalarAsync(connection, LockTableCountSql, cancellationToken), CultureInfo.InvariantCulture) == 0)
            {
                return;
            }
            var taken = new List<string>();
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = LockRowsSql;
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    taken.Add(reader.GetString(0));
                }
            }
            if (taken.Count == 0)
            {
                return;
            }
            await db.Database.ExecuteSqlRawAsync(DeleteLockRowsSql, cancellationToken);
            LogTookOver(logger, SqliteMigrationLockTable, file, string.Join(", ", taken));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private async Task BoundedAsync(string database, string what, string waitingOn, Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.SchemaTimeout);
        var started = Stopwatch.GetTimestamp();
        var task = work(timeout.Token);
        while (await Task.WhenAny(task, Task.Delay(settings.ProgressInterval, cancellationToken)) != task)
        {
            LogStillWaiting(logger, what, database, Stopwatch.GetElapsedTime(started).TotalSeconds, waitingOn, settings.SchemaTimeout.TotalSeconds);
        }
        try
        {
            await task;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"{what} for {database} did not finish within {settings.SchemaTimeout.TotalSeconds:0.#} s ({DatabaseStartupOptions.SectionName}:SchemaTimeout); it was waiting on {waitingOn}.");
        }
    }

    private static string Describe(DbContext db, string? file)
    {
        if (file is not null)
        {
            return file;
        }
        var connection = db.Database.GetDbConnection();
        return $"{connection.DataSource}/{connection.Database}";
    }

    public void Dispose()
    {
        foreach (var owner in _owned.Values)
        {
            owner.Dispose();
        }
        _owned.Clear();
        _ownership.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Took over {LockTable} in {Database}: a process that is gone left it (taken at {TakenAt}); this process owns the file now")]
    private static partial void LogTookOver(ILogger logger, string lockTable, string database, string takenAt);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{What} for {Database}: still waiting after {Waited:0.#} s of at most {Limit:0.#} s, on {WaitingOn}")]
    private static partial void LogStillWaiting(ILogger logger, string what, string database, double waited, string waitingOn, double limit);
}
