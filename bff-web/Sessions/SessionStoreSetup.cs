using BffPlatform.ServiceDefaults.DataProtection;
using BffPlatform.ServiceDefaults.Data;
using BffPlatform.ServiceDefaults.Health;
using BffPlatform.ServiceDefaults.Redis;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BffPlatform.BffWeb.Sessions;

public static class SessionStoreSetup
{
    public const string ConnectionStringName = "Sessions";

    /// <summary>
    /// Server-side sessions in the session database (<c>Database:Provider</c>: a SQLite file under
    /// <c>data/bff-web/</c> by default, PostgreSQL when scaled out; <c>ConnectionStrings:Sessions</c>),
    /// read through an in-process cache; Data Protection keys shared by every instance; the
    /// per-session refresh lock and the cache's change feed — in process, or in Redis when
    /// <c>Redis:Configuration</c> is set, so several instances share them; the expired-session cleanup.
    /// </summary>
    public static WebApplicationBuilder AddServerSideSessions(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<BffSessionOptions>().Bind(builder.Configuration.GetSection(BffSessionOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BffSessionOptions>, SessionOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        builder.AddSessionDatabase();
        builder.AddPlatformDataProtection("bff-web");

        if (builder.AddPlatformRedis())
        {
            services.AddSingleton<ISessionLock, RedisSessionLock>();
            services.AddSingleton<RedisSessionChanges>();
            services.AddSingleton<ISessionChanges>(sp => sp.GetRequiredService<RedisSessionChanges>());
            services.AddHostedService(sp => sp.GetRequiredService<RedisSessionChanges>());
        }
        else
        {
            services.AddSingleton<ISessionLock, InProcessSessionLock>();
            services.AddSingleton<ISessionChanges, InProcessSessionChanges>();
        }

        services.AddSingleton<EfUserSessionStore>();
        services.AddSingleton<CachingUserSessionStore>(sp => new CachingUserSessionStore(
            sp.GetRequiredService<EfUserSessionStore>(),
            sp.GetRequiredService<ISessionChanges>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptionsMonitor<BffSessionOptions>>()));
        services.AddSingleton<IUserSessionStore>(sp => sp.GetRequiredService<CachingUserSessionStore>());
        services.AddSingleton<ServerSideTicketStore>();
        services.AddSingleton<ITicketStore>(sp => sp.GetRequiredService<ServerSideTicketStore>());
        services.AddSingleton<SessionRevoker>();
        services.AddHostedService<ExpiredSessionCleanup>();
        services.AddHostedService<ActiveSessionsGauge>();
        return builder;
    }

    /// <summary>
    /// The session database, migrated at start-up (before Kestrel takes requests) or, with
    /// <c>Database:MigrateOnStart=false</c>, checked to be current (the one-shot <c>--migrate</c> run
    /// migrates it), and a <c>sessions</c> check in <c>/health/ready</c>. On PostgreSQL the context is
    /// <see cref="PostgresSessionDbContext"/>, handed out as a <see cref="SessionDbContext"/>.
    /// </summary>
    private static void AddSessionDatabase(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var database = PlatformDatabase.From(builder, ConnectionStringName, "bff-web", "sessions.db");
        if (database.Provider == DatabaseProvider.Postgres)
        {
            services.AddDbContextFactory<PostgresSessionDbContext>(o => database.Configure(o));
            services.AddSingleton<IDbContextFactory<SessionDbContext>, PostgresSessionContexts>();
            services.AddHealthChecks().AddDbContextCheck<PostgresSessionDbContext>("sessions", tags: [HealthEndpoints.ReadyTag]);
        }
        else
        {
            services.AddDbContextFactory<SessionDbContext>(o => database.Configure(o));
            services.AddHealthChecks().AddDbContextCheck<SessionDbContext>("sessions", tags: [HealthEndpoints.ReadyTag]);
        }
        services.AddDatabaseMigration<SessionDbContext>(builder.Configuration, "bff-web");
        services.AddScoped<IDatabaseMigrationHooks<SessionDbContext>, SessionMigrationHooks>();
    }

    /// <summary>The PostgreSQL contexts, as the store asks for them.</summary>
    private sealed class PostgresSessionContexts(IDbContextFactory<PostgresSessionDbContext> contexts) : IDbContextFactory<SessionDbContext>
    {
        public SessionDbContext CreateDbContext() => contexts.CreateDbContext();

        public async Task<SessionDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
            await contexts.CreateDbContextAsync(cancellationToken);
    }
}
