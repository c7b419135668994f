using BffPlatform.Identity.Server;
using BffPlatform.ServiceDefaults.Data;

namespace BffPlatform.Identity.Data;

/// <summary>
/// identity's part of its migration step (<see cref="DatabaseMigration{TContext}"/>): before it, a
/// schema made by EnsureCreated is baselined; after it, clients and demo users are brought in line
/// with configuration. Seeding belongs to the step, not to every instance: instances starting
/// together would race to register the same client.
/// </summary>
internal sealed class IdentityMigrationHooks(IdentitySeeder seeder, ILogger<IdentityMigrationHooks> logger) : IDatabaseMigrationHooks<IdentityDb>
{
    public Task BeforeMigrateAsync(IdentityDb db, CancellationToken cancellationToken) =>
        EnsureCreatedBaseline.ApplyIfNeededAsync(db, logger, cancellationToken);

    public Task AfterMigrateAsync(IdentityDb db, CancellationToken cancellationToken) => seeder.SeedAsync(cancellationToken);
}
