using BffPlatform.ServiceDefaults.DataProtection;
using BffPlatform.ServiceDefaults.Data;
using BffPlatform.ServiceDefaults.Health;
using BffPlatform.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BffPlatform.BffWeb.Sessions;

public static class SessionStoreSetup
{
    public const string ConnectionStringName = "Sessions";

    /// <summary>
    /// Server-side sessions in a SQLite file under <c>data/bff-web/</c> (override with
    /// <c>ConnectionStrings:Sessions</c>), Data Protection keys beside it so sessions survive a
    /// restart, the per-session lock and the expired-session cleanup.
    /// </summary>
    public static WebApplicationBuilder AddServerSideSessions(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<BffSessionOptions>().Bind(builder.Configuration.GetSection(BffSessionOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BffSessionOptions>, SessionOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        var dataDirectory = DataPaths.ServiceDataDirectory(builder.Environment, builder.Configuration, "bff-web");
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } configured
            ? DataPaths.ResolveSqlite(builder.Environment, configured)
            : $"Data Source={Path.Combine(dataDirectory, "sessions.db")}";
        services.AddDbContextFactory<SessionDbContext>(o => o.UseSqlite(connectionString));
        services.AddDatabaseStartup(builder.Configuration);
        services.AddHostedService<SessionDatabaseInitializer>();

        builder.AddPlatformDataProtection("bff-web");

        services.AddSingleton<EfUserSessionStore>();
        services.AddSingleton<IUserSessionStore>(sp => new CachingUserSessionStore(
            sp.GetRequiredService<EfUserSessionStore>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptionsMonitor<BffSessionOptions>>()));
        services.AddSingleton<ServerSideTicketStore>();
        services.AddSingleton<ITicketStore>(sp => sp.GetRequiredService<ServerSideTicketStore>());
        services.AddSingleton<ISessionLock, InProcessSessionLock>();
        services.AddSingleton<SessionRevoker>();
        services.AddHostedService<ExpiredSessionCleanup>();
        services.AddHostedService<ActiveSessionsGauge>();
        services.AddHealthChecks().AddDbContextCheck<SessionDbContext>("sessions", tags: [HealthEndpoints.ReadyTag]);
        return builder;
    }
}
