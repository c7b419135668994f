namespace BffPlatform.ServiceDefaults.Data;

/// <summary>What <c>Program.cs</c> needs of the migration step without knowing the service's context type.</summary>
public interface IDatabaseMigrationStep
{
    /// <summary>Whether this process is the one-shot migration run.</summary>
    bool MigrateOnly { get; }

    /// <summary>Migrates and returns the process's exit code: 0 done, 1 failed (logged).</summary>
    Task<int> RunAloneAsync(CancellationToken cancellationToken);
}
