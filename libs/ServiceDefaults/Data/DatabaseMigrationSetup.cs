using BffPlatform.ServiceDefaults.Options;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BffPlatform.ServiceDefaults.Data;

public static class DatabaseMigrationSetup
{
    /// <summary>The command-line switch of the one-shot run.</summary>
    public const string Switch = "--migrate";

    /// <summary>
    /// Turns <see cref="Switch"/> into <c>--Database:MigrateOnly=true</c>, for <c>WebApplication.CreateBuilder</c>:
    /// ASP.NET Core's command-line configuration silently drops a bare switch without a value.
    /// </summary>
    public static string[] ReadSwitch(string[] args) =>
        args.Select(a => a == Switch ? $"--{DatabaseMigrationOptions.SectionName}:{nameof(DatabaseMigrationOptions.MigrateOnly)}=true" : a).ToArray();

    /// <summary>
    /// The migration step of <paramref name="service"/>'s <typeparamref name="TContext"/> (<see cref="DatabaseMigration{TContext}"/>):
    /// its options, and a hosted service that migrates, or checks the schema is current, at start-up.
    /// Hosted services start in the order they are added: add this before any that uses the database.
    /// The service's own part goes in <see cref="IDatabaseMigrationHooks{TContext}"/>, registered scoped.
    /// </summary>
    public static IServiceCollection AddDatabaseMigration<TContext>(this IServiceCollection services, IConfiguration configuration, string service)
        where TContext : DbContext
    {
        services.AddDatabaseStartup(configuration);
        services.AddValidatedOptions<DatabaseMigrationOptions>(configuration, DatabaseMigrationOptions.SectionName);
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<DatabaseMigration<TContext>>(sp, service));
        services.AddSingleton<IDatabaseMigrationStep>(sp => sp.GetRequiredService<DatabaseMigration<TContext>>());
        services.AddHostedService(sp => sp.GetRequiredService<DatabaseMigration<TContext>>());
        return services;
    }

    /// <summary>
    /// In the one-shot run (<see cref="Switch"/>): migrates and returns the exit code, serving nothing;
    /// otherwise null, and the service starts as usual.
    /// </summary>
    public static async Task<int?> RunMigrationStepAsync(this IHost app)
    {
        var step = app.Services.GetRequiredService<IDatabaseMigrationStep>();
        return step.MigrateOnly
            ? await step.RunAloneAsync(app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping)
            : null;
    }
}
