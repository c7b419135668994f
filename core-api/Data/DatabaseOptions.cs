using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace BffPlatform.CoreApi.Data;

public enum DatabaseProvider
{
    /// <summary>The embedded default: one file under the data folder.</summary>
    Sqlite,
}

/// <summary>Bound from <c>Database</c>; the connection string is <c>ConnectionStrings:Core</c>.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";
    public const string ConnectionStringName = "Core";
    public const string ServiceName = "core-api";
    /// <summary>The SQLite file in the service's data folder when no connection string is configured.</summary>
    public const string DefaultFileName = "core.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations at start-up.</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>Seed the demo catalog (never allowed in Production).</summary>
    public bool SeedDemoData { get; set; }

    public string ConnectionString { get; set; } = "";
}

internal sealed class DatabaseOptionsValidator(IHostEnvironment environment) : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Provider))
        {
            failures.Add($"{DatabaseOptions.SectionName}:Provider must be one of {string.Join(", ", Enum.GetNames<DatabaseProvider>())}.");
        }
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"ConnectionStrings:{DatabaseOptions.ConnectionStringName} is required.");
        }
        else if (options.Provider == DatabaseProvider.Sqlite)
        {
            try
            {
                var builder = new SqliteConnectionStringBuilder(options.ConnectionString);
                if (string.IsNullOrWhiteSpace(builder.DataSource))
                {
                    failures.Add($"ConnectionStrings:{DatabaseOptions.ConnectionStringName} must name a Data Source.");
                }
            }
            catch (ArgumentException e)
            {
                failures.Add($"ConnectionStrings:{DatabaseOptions.ConnectionStringName} is not a valid SQLite connection string: {e.Message}");
            }
        }
        if (options.SeedDemoData && environment.IsProduction())
        {
            failures.Add($"{DatabaseOptions.SectionName}:SeedDemoData must be false in Production.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
