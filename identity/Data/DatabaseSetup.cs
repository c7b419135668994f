using BffPlatform.Identity.Configuration;
using BffPlatform.ServiceDefaults.Health;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BffPlatform.Identity.Data;

internal static class DatabaseSetup
{
    public const string ConnectionStringName = "Identity";
    public const string DefaultSqlite = "Data Source=data/identity/identity.db";

    /// <summary>The EF Core store for users and OpenIddict: SQLite by default, PostgreSQL by configuration.</summary>
    public static void AddIdentityDatabase(this WebApplicationBuilder builder)
    {
        var provider = builder.Configuration.GetValue($"{IdentityServerOptions.SectionName}:DatabaseProvider", DatabaseProvider.Sqlite);
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = provider == DatabaseProvider.Sqlite
                ? DefaultSqlite
                : throw new InvalidOperationException($"ConnectionStrings:{ConnectionStringName} is required for DatabaseProvider {provider}.");
        }
        if (provider == DatabaseProvider.Sqlite)
        {
            EnsureSqliteFolder(connectionString);
        }

        builder.Services.AddDbContext<IdentityDb>(options =>
        {
            _ = provider == DatabaseProvider.Sqlite
                ? options.UseSqlite(connectionString)
                : options.UseNpgsql(connectionString);
            options.UseOpenIddict();
        });
        builder.Services.AddHealthChecks().AddDbContextCheck<IdentityDb>("identity-db", tags: [HealthEndpoints.ReadyTag]);
    }

    private static void EnsureSqliteFolder(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:") return;
        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
    }
}
