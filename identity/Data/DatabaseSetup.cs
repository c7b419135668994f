using BffPlatform.ServiceDefaults.Data;
using BffPlatform.ServiceDefaults.Health;
using BffPlatform.ServiceDefaults.Hosting;
using Microsoft.EntityFrameworkCore;

namespace BffPlatform.Identity.Data;

internal static class DatabaseSetup
{
    public const string ConnectionStringName = "Identity";
    public const string ServiceName = "identity";

    /// <summary>
    /// The EF Core store for users and OpenIddict: SQLite by default (<c>identity.db</c> in the data
    /// folder; a relative file resolves against the repository root), PostgreSQL by configuration.
    /// </summary>
    public static void AddIdentityDatabase(this WebApplicationBuilder builder)
    {
        var database = PlatformDatabase.From(builder, ConnectionStringName, ServiceName, "identity.db");
        builder.Services.AddDbContext<IdentityDb>(options =>
        {
            database.Configure(options);
            options.UseOpenIddict();
        });
        // Owns the SQLite file and creates the schema so that a kill mid-create is recoverable (IdentitySeeder).
        builder.Services.AddDatabaseStartup(builder.Configuration);
        builder.Services.AddHealthChecks().AddDbContextCheck<IdentityDb>("identity-db", tags: [HealthEndpoints.ReadyTag]);
    }
}
