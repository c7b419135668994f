using BffPlatform.ServiceDefaults.Data;
using BffPlatform.ServiceDefaults.Health;
using BffPlatform.ServiceDefaults.Hosting;
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
            .Configure<IConfiguration, IHostEnvironment>((o, config, environment) =>
                o.ConnectionString = ConnectionString(config, environment))
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
        builder.Services.AddDatabaseStartup(builder.Configuration);
        builder.Services.AddHostedService<DatabaseInitializer>();
        return builder;
    }

    /// <summary>
    /// <c>ConnectionStrings:Core</c>, or <c>core.db</c> in the service's data folder; a relative SQLite
    /// file resolves against the repository root, not the working directory.
    /// </summary>
    internal static string ConnectionString(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
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
