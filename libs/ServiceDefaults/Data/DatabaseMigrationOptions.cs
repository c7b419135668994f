namespace BffPlatform.ServiceDefaults.Data;

/// <summary>
/// When a service migrates its database, bound from <c>Database</c> in every service with one
/// (core-api, identity, bff-web's sessions, public-api's webhooks): the same two keys everywhere.
/// </summary>
public sealed class DatabaseMigrationOptions
{
    public const string SectionName = "Database";

    /// <summary>
    /// Apply pending migrations at start-up (the embedded default). Scaled out, instances run with
    /// false and a one-shot <c>--migrate</c> run (<see cref="MigrateOnly"/>) applies them first;
    /// an instance then refuses to start on a database with migrations pending, naming them.
    /// </summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>Apply pending migrations and exit (0 on success, 1 on failure), serving nothing: the migration step (Kubernetes Job).</summary>
    public bool MigrateOnly { get; set; }
}
