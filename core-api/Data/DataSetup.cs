using BffPlatform.ServiceDefaults.Data;
using BffPlatform.ServiceDefaults.Health;
using BffPlatform.ServiceDefaults.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace BffPlatform.CoreApi.Data;

public static class DataSetup
{
    /// <summary>The DbContext (pooled) on the configured provider, its options, the readiness check and migration at start-up.</summary>
    public static IHostApplicationBuilder AddCoreData(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>()
            .Bind(builder.Configuration.GetSection(DatabaseOptions.SectionName))
            .Configure<IConfiguration, IHostEnvironment>((o, config, environment) =>
                o.ConnectionString = ConnectionString(config, environment))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();

        // The context's type decides which migrations set applies, so it is chosen here.
        if (builder.Configuration.GetValue(PlatformDatabase.ProviderKey, DatabaseProvider.Sqlite) == DatabaseProvider.Postgres)
        {
            builder.Services.AddDbContextPool<CoreDbContext, PostgresCoreDbContext>(ConfigureContext);
        }
        else
        {
            builder.Services.AddDbContextPool<CoreDbContext>(ConfigureContext);
        }

        builder.Services.AddHealthChecks().AddDbContextCheck<CoreDbContext>("database", tags: [HealthEndpoints.ReadyTag]);
        builder.Services.AddScoped<DemoCatalogSeeder>();
        // Migrated (or checked) first, then WAL and the demo seed: hosted services start in order.
        builder.Services.AddDatabaseMigration<CoreDbContext>(builder.Configuration, DatabaseOptions.ServiceName);
        builder.Services.AddHostedService<DatabaseInitializer>();
        return builder;
    }

    private static void ConfigureContext(IServiceProvider services, DbContextOptionsBuilder db)
    {
        services.GetRequiredService<IOptions<DatabaseOptions>>().Value.Database
            .Configure(db, typeof(CoreDbContext).Assembly.FullName);
        // EF logs every failed command and save at Error, the unique-key races this service
        // expects and handles included (an Idempotency-Key claimed twice, a new user's first
        // calls). What is not handled reaches the exception handler, which logs it once with
        // its stack trace; EF's own copies go to Debug so operators see real errors only.
        db.ConfigureWarnings(w => w.Log(
            (RelationalEventId.CommandError, LogLevel.Debug),
            (CoreEventId.SaveChangesFailed, LogLevel.Debug)));
    }

    /// <summary>
    /// <c>ConnectionStrings:Core</c>. On SQLite without one, <c>core.db</c> in the service's data folder,
    /// and a relative file resolves against the repository root, not the working directory. On
    /// PostgreSQL it is used as given (missing: empty, which the options validator names).
    /// </summary>
    internal static string ConnectionString(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
        if (configuration.GetValue(PlatformDatabase.ProviderKey, DatabaseProvider.Sqlite) == DatabaseProvider.Postgres)
        {
            return configured ?? "";
        }
        if (string.IsNullOrWhiteSpace(configured))
        {
            return $"Data Source={Path.Combine(DataPaths.ServiceDataDirectory(environment, configuration, DatabaseOptions.ServiceName), DatabaseOptions.DefaultFileName)}";
        }
        try
        {
            return DataPaths.ResolveSqlite(environment, configured);
        }
        catch (ArgumentException)
        {
            // Left as configured: the options validator names the key and the fault.
            return configured;
        }
    }
}
