using Microsoft.EntityFrameworkCore;

namespace BffPlatform.ServiceDefaults.Data;

/// <summary>
/// A service's own part of its migration step, registered scoped and run in the step's scope, by
/// the start-up migration and the one-shot <c>--migrate</c> run alike (never by an instance that
/// only checks the schema is current).
/// </summary>
public interface IDatabaseMigrationHooks<in TContext> where TContext : DbContext
{
    /// <summary>Before migrations, with a SQLite file already owned: e.g. recording as applied a schema that EnsureCreated made.</summary>
    Task BeforeMigrateAsync(TContext db, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>After migrations: work instances starting together would race on (e.g. registering clients).</summary>
    Task AfterMigrateAsync(TContext db, CancellationToken cancellationToken) => Task.CompletedTask;
}
