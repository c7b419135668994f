using BffPlatform.ServiceDefaults.Data;
using BffPlatform.ServiceDefaults.Health;
using Microsoft.EntityFrameworkCore;

namespace BffPlatform.Identity.Data;

internal static class DatabaseSetup
{
    public const string ConnectionStringName = "Identity";
    public const string ServiceName = "identity";

    /// <summary>
    /// The EF Core store for users and OpenIddict: SQLite by default (<c>identity.db</c> in the data
    /// folder; a relative file resolves against the repository root), PostgreSQL by configuration
    /// (<see cref="PostgresIdentityDb"/>, with its own migrations). Everything asks for <see cref="IdentityDb"/>.
    /// </summary>
    public static PlatformDatabase AddIdentityDatabase(this WebApplicationBuilder builder)
    {
        var database = PlatformDatabase.From(builder, ConnectionStringName, ServiceName, "identity.db");
        if (database.Provider == DatabaseProvider.Postgres)
        {
            builder.Services.AddDbContext<IdentityDb, PostgresIdentityDb>(options => database.Configure(options).UseOpenIddict());
        }
        else
        {
            builder.Services.AddDbContext<IdentityDb>(options => database.Configure(options).UseOpenIddict());
        }
        // Migrated (and seeded) at start-up, or by the one-shot --migrate run when Database:MigrateOnStart is false.
        builder.Services.AddDatabaseMigration<IdentityDb>(builder.Configuration, ServiceName);
        builder.Services.AddScoped<IDatabaseMigrationHooks<IdentityDb>, IdentityMigrationHooks>();
        builder.Services.AddHealthChecks().AddDbContextCheck<IdentityDb>("identity-db", tags: [HealthEndpoints.ReadyTag]);
        return database;
    }
}
