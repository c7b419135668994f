using BffPlatform.ServiceDefaults.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BffPlatform.CoreApi.Data;

/// <summary>
/// Bound from <c>Database</c>; the connection string is <c>ConnectionStrings:Core</c>. The provider
/// (<c>Database:Provider</c>) is the same key in every service (<see cref="PlatformDatabase"/>), and so
/// are <c>MigrateOnStart</c> and <c>MigrateOnly</c> of the same section (<see cref="DatabaseMigrationOptions"/>).
/// </summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";
    public const string ConnectionStringName = "Core";
    public const string ServiceName = "core-api";
    /// <summary>The SQLite file in the service's data folder when no connection string is configured.</summary>
    public const string DefaultFileName = "core.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Seed the demo catalog (never allowed in Production).</summary>
    public bool SeedDemoData { get; set; }

    public string ConnectionString { get; set; } = "";

    public PlatformDatabase Database => new(Provider, ConnectionString);
}

internal sealed class DatabaseOptionsValidator(IHostEnvironment environment) : IValidateOptions<DatabaseOptions>
{
    private const string Key = $"ConnectionStrings:{DatabaseOptions.ConnectionStringName}";

    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Provider))
        {
            failures.Add($"{PlatformDatabase.ProviderKey} must be one of {string.Join(", ", Enum.GetNames<DatabaseProvider>())}.");
        }
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add(options.Provider == DatabaseProvider.Postgres
                ? $"{Key} is required when {PlatformDatabase.ProviderKey} is {DatabaseProvider.Postgres}."
                : $"{Key} is required.");
        }
        else if (options.Provider == DatabaseProvider.Sqlite)
        {
            ValidateSqlite(options.ConnectionString, failures);
        }
        else if (options.Provider == DatabaseProvider.Postgres)
        {
            ValidatePostgres(options.ConnectionString, failures);
        }
        if (options.SeedDemoData && environment.IsProduction())
        {
            failures.Add($"{DatabaseOptions.SectionName}:SeedDemoData must be false in Production.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateSqlite(string connectionString, List<string> failures)
    {
        try
        {
            var builder = new SqliteConnectionStringBuilder(connectionString);
            if (string.IsNullOrWhiteSpace(builder.DataSource))
            {
                failures.Add($"{Key} must name a Data Source.");
            }
        }
        catch (ArgumentException e)
        {
            failures.Add($"{Key} is not a valid SQLite connection string: {e.Message}");
        }
    }

    private static void ValidatePostgres(string connectionString, List<string> failures)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            if (string.IsNullOrWhiteSpace(builder.Host))
            {
                failures.Add($"{Key} must name a Host.");
            }
            if (string.IsNullOrWhiteSpace(builder.Database))
            {
                // Npgsql would fall back to the user's name: a silent wrong database.
                failures.Add($"{Key} must name a Database.");
            }
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            failures.Add($"{Key} is not a valid PostgreSQL connection string: {e.Message}");
        }
    }
}
