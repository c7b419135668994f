namespace BffPlatform.Identity.Data;

/// <summary>
/// Bound from <c>Database</c>, the same keys as core-api's: <c>Database:Provider</c> (read by
/// <see cref="ServiceDefaults.Data.PlatformDatabase"/>), <c>MigrateOnStart</c> and <c>MigrateOnly</c>.
/// </summary>
public sealed class IdentityDatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary>
    /// Migrate and bring clients and demo users in line with configuration at start-up (the embedded
    /// default). Scaled out, instances run with false and a one-shot <c>--migrate</c> run
    /// (<see cref="MigrateOnly"/>) does both first; an instance then refuses a database with migrations pending.
    /// </summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>Migrate and seed, then exit (0 on success), serving nothing: the migration step (Kubernetes Job).</summary>
    public bool MigrateOnly { get; set; }
}
