using BffPlatform.ServiceDefaults.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace BffPlatform.ServiceDefaults.Data;

/// <summary>
/// A service's database as configured: <c>Database:Provider</c> (default <see cref="DatabaseProvider.Sqlite"/>)
/// and <c>ConnectionStrings:&lt;name&gt;</c>; without a connection string, SQLite's file in the
/// service's data folder. A relative SQLite file resolves against the repository root.
/// </summary>
public sealed record PlatformDatabase(DatabaseProvider Provider, string ConnectionString)
{
    public const string ProviderKey = "Database:Provider";

    public static PlatformDatabase From(IHostApplicationBuilder builder, string connectionStringName, string service, string defaultFileName)
    {
        var configuration = builder.Configuration;
        var provider = configuration.GetValue(ProviderKey, DatabaseProvider.Sqlite);
        var configured = configuration.GetConnectionString(connectionStringName);
        if (provider == DatabaseProvider.Postgres)
        {
            return string.IsNullOrWhiteSpace(configured)
                ? throw new InvalidOperationException($"ConnectionStrings:{connectionStringName} is required when {ProviderKey} is {provider}.")
                : new PlatformDatabase(provider, configured);
        }
        var sqlite = string.IsNullOrWhiteSpace(configured)
            ? $"Data Source={Path.Combine(DataPaths.ServiceDataDirectory(builder.Environment, configuration, service), defaultFileName)}"
            : DataPaths.ResolveSqlite(builder.Environment, configured);
        CreateSqliteFolder(sqlite);
        return new PlatformDatabase(provider, sqlite);
    }

    /// <summary>SQLite creates a missing file but not its folder: a fresh clone has no <c>data/</c> yet.</summary>
    private static void CreateSqliteFolder(string connectionString)
    {
        var builder = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        foreach (var key in new[] { "Data Source", "DataSource", "Filename" })
        {
            if (builder.TryGetValue(key, out var value) && value is string { Length: > 0 } source
                && source != ":memory:" && !source.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
                && Path.GetDirectoryName(Path.GetFullPath(source)) is { Length: > 0 } folder)
            {
                Directory.CreateDirectory(folder);
            }
        }
    }

    /// <summary>
    /// Points <paramref name="options"/> at this database. On PostgreSQL, transient failures
    /// (a restarting server, a dropped connection) are retried by EF Core's execution strategy:
    /// code that opens its own transaction must run inside <c>Database.CreateExecutionStrategy()</c>.
    /// </summary>
    public DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string? migrationsAssembly = null) => Provider switch
    {
        DatabaseProvider.Postgres => options.UseNpgsql(ConnectionString, npgsql =>
        {
            npgsql.EnableRetryOnFailure(maxRetryCount: 5, maxRetryDelay: TimeSpan.FromSeconds(5), errorCodesToAdd: null);
            if (migrationsAssembly is not null)
            {
                npgsql.MigrationsAssembly(migrationsAssembly);
            }
        }),
        _ => options.UseSqlite(ConnectionString, sqlite =>
        {
            if (migrationsAssembly is not null)
            {
                sqlite.MigrationsAssembly(migrationsAssembly);
            }
        }),
    };
}
