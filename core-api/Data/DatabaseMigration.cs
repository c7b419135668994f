using BffPlatform.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BffPlatform.CoreApi.Data;

/// <summary>
/// Migrations as their own step. Embedded, the service migrates at start-up. Scaled out, many
/// instances share one database: a one-shot run (<c>--migrate</c>, or <c>Database:MigrateOnly=true</c>;
/// the Kubernetes migration Job) applies what is pending and exits, and instances started with
/// <c>Database:MigrateOnStart=false</c> refuse a database that is behind their code.
/// </summary>
internal sealed partial class DatabaseMigration(
    IServiceScopeFactory scopes,
    DatabaseStartup startup,
    IOptions<DatabaseOptions> options,
    ILogger<DatabaseMigration> logger)
{
    /// <summary>The command-line switch of the one-shot run.</summary>
    public const string Switch = "--migrate";

    /// <summary>Turns <see cref="Switch"/> into <c>Database:MigrateOnly=true</c> (configuration needs key=value).</summary>
    public static string[] ReadSwitch(string[] args) =>
        args.Select(a => a == Switch ? $"--{DatabaseOptions.SectionName}:{nameof(DatabaseOptions.MigrateOnly)}=true" : a).ToArray();

    /// <summary>Whether this process is the one-shot migration run.</summary>
    public bool MigrateOnly => options.Value.MigrateOnly;

    /// <summary>Applies pending migrations (EF Core's migration lock keeps concurrent runs apart).</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
        await startup.MigrateAsync(db, cancellationToken);
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
        LogMigrated(logger, options.Value.Provider, applied.Count, applied.LastOrDefault() ?? "none");
    }

    /// <summary>The one-shot run: migrate, then exit 0; any failure is logged and exits 1.</summary>
    public async Task<int> RunAloneAsync(CancellationToken cancellationToken)
    {
        try
        {
            await MigrateAsync(cancellationToken);
            return 0;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, e);
            return 1;
        }
    }

    /// <summary>
    /// For an instance that does not migrate: a database missing migrations of this version fails
    /// start-up, naming them, rather than answering 500 on the first query of a new column.
    /// </summary>
    public async Task EnsureCurrentAsync(CoreDbContext db, CancellationToken cancellationToken)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            throw new InvalidOperationException(
                $"The database is missing {pending.Count} migration(s) of this version ({string.Join(", ", pending)}) and " +
                $"{DatabaseOptions.SectionName}:{nameof(DatabaseOptions.MigrateOnStart)} is false: run core-api {Switch} (the migration Job) first.");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database migrated on {Provider}: {Count} migration(s) applied, the latest {Latest}")]
    private static partial void LogMigrated(ILogger logger, DatabaseProvider provider, int count, string latest);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Migrating the database failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
