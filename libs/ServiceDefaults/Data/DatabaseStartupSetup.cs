using BffPlatform.ServiceDefaults.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BffPlatform.ServiceDefaults.Data;

public static class DatabaseStartupSetup
{
    /// <summary><see cref="DatabaseStartup"/> (a singleton: it holds the database files for the process's life) and its bounds.</summary>
    public static IServiceCollection AddDatabaseStartup(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(s => s.ServiceType == typeof(DatabaseStartup)))
        {
            return services;
        }
        services.AddValidatedOptions<DatabaseStartupOptions>(configuration, DatabaseStartupOptions.SectionName);
        services.TryAddSingleton<DatabaseStartup>();
        return services;
    }
}
