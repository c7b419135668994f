using Microsoft.Extensions.Options;

namespace BffPlatform.Identity.Data;

/// <summary>
/// Before the server takes requests (hosted services start before Kestrel does): migrates and seeds
/// (the embedded default), or, when migrations are a step of their own, checks that they ran.
/// </summary>
internal sealed class IdentityDatabaseInitializer(IdentityDatabaseMigration migration, IOptions<IdentityDatabaseOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => options.Value.MigrateOnStart
        ? migration.MigrateAndSeedAsync(cancellationToken)
        : migration.EnsureCurrentAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
