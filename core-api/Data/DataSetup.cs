using BffPlatform.ServiceDefaults.Health;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace BffPlatform.CoreApi.Data;

public static class DataSetup
{
    /// <summary>The DbContext (pooled), its options, the readiness check and migration at start-up.</summary>
    public static IHostApplicationBuilder AddCoreData(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>()
            .Bind(builder.Configuration.GetSection(DatabaseOptions.SectionName))
            .Configure<IConfiguration>((o, config) =>
                o.ConnectionString = config.GetConnectionString(DatabaseOptions.ConnectionStringName) ?? DatabaseOptions.DefaultSqliteConnectionString)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();

        builder.Services.AddDbContextPool<CoreDbContext>((services, db) =>
        {
            var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            db.UseSqlite(options.ConnectionString, sqlite => sqlite.MigrationsAssembly(typeof(CoreDbContext).Assembly.FullName));
            // EF logs every failed command and save at Error, the unique-key races this service
            // expects and handles included (an Idempotency-Key claimed twice, a new user's first
            // calls). What is not handled reaches the exception handler, which logs it once with
            // its stack trace; EF's own copies go to Debug so operators see real errors only.
            db.ConfigureWarnings(w => w.Log(
                (RelationalEventId.CommandError, LogLevel.Debug),
                (CoreEventId.SaveChangesFailed, LogLevel.Debug)));
        });

        builder.Services.AddHealthChecks().AddDbContextCheck<CoreDbContext>("database", tags: [HealthEndpoints.ReadyTag]);
        builder.Services.AddScoped<DemoCatalogSeeder>();
        builder.Services.AddHostedService<DatabaseInitializer>();
        return builder;
    }

    /// <summary>A relative SQLite path is resolved against the working directory; make its folder exist.</summary>
    internal static void EnsureSqliteFolder(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" || dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }
        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }
}
