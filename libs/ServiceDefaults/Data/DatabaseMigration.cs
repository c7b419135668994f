using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BffPlatform.ServiceDefaults.Data;

/// <summary>
/// Migrations as their own step, the same in every service with a database. Embedded, the service
/// migrates at start-up (a hosted service: before Kestrel takes requests). Scaled out, many instances
/// share one database: a one-shot run (<c>--migrate</c>, or <c>Database:MigrateOnly=true</c>; the
/// Kubernetes migration Job) applies what is pending and exits, and instances started with
/// <c>Database:MigrateOnStart=false</c> refuse a database that is behind their code, naming what it
/// misses, rather than wait on EF Core's migration lock together or answer 500 on a new column.
/// <see cref="DatabaseStartup"/> makes a migration survive a process killed in the middle of it.
/// </summary>
public sealed class DatabaseMigration<TContext>(
    string service,
    IServiceScopeFactory scopes,
    DatabaseStartup startup,
    IOptions<DatabaseMigrationOptions> options,
    ILoggerFactory loggers) : IDatabaseMigrationStep, IHostedService
    where TContext : DbContext
{
    // One category for every service's step, whatever its context type (log filters name it).
    private readonly ILogger _logger = loggers.CreateLogger(DatabaseMigrationLog.Category);

    public bool MigrateOnly => options.Value.MigrateOnly;

    /// <summary>Start-up: migrate (the embedded default), or check that the migration step ran.</summary>
    public Task StartAsync(CancellationToken cancellationToken) =>
        options.Value.MigrateOnStart ? MigrateAsync(cancellationToken) : EnsureCurrentAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Applies pending migrations, with the service's hooks before and after (EF Core's migration lock keeps concurrent runs apart).</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var context = await ContextAsync(scope.ServiceProvider, cancellationToken);
        var db = context.Db;
        var hooks = scope.ServiceProvider.GetServices<IDatabaseMigrationHooks<TContext>>().ToList();
        // Owned first (SQLite): no other process adopts an old schema or migrates the file alongside.
        await startup.OwnAsync(db, cancellationToken);
        foreach (var hook in hooks)
        {
            await hook.BeforeMigrateAsync(db, cancellationToken);
        }
        await startup.MigrateAsync(db, cancellationToken);
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
        DatabaseMigrationLog.Migrated(_logger, service, ProviderOf(db), applied.Count, applied.LastOrDefault() ?? "none");
        foreach (var hook in hooks)
        {
            await hook.AfterMigrateAsync(db, cancellationToken);
        }
    }

    /// <summary>The one-shot run: migrate, then exit 0; any failure is logged and exits 1 (the Job fails and is retried).</summary>
    public async Task<int> RunAloneAsync(CancellationToken cancellationToken)
    {
        try
        {
            await MigrateAsync(cancellationToken);
            return 0;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            DatabaseMigrationLog.Failed(_logger, service, e);
            return 1;
        }
    }

    /// <summary>
    /// For an instance that does not migrate: a database missing migrations of this version fails
    /// start-up, naming them and the step that applies them.
    /// </summary>
    public async Task EnsureCurrentAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var context = await ContextAsync(scope.ServiceProvider, cancellationToken);
        var pending = (await context.Db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            throw new InvalidOperationException(
                $"The {service} database is missing {pending.Count} migration(s) of this version ({string.Join(", ", pending)}) and " +
                $"{DatabaseMigrationOptions.SectionName}:{nameof(DatabaseMigrationOptions.MigrateOnStart)} is false: " +
                $"run {service} {DatabaseMigrationSetup.Switch} (the migration Job) first.");
        }
    }

    /// <summary>
    /// The context as the service registers it: from its factory (a context of our own to dispose),
    /// else the scope's (disposed with the scope).
    /// </summary>
    private static async Task<Lease> ContextAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetService<IDbContextFactory<TContext>>() is { } factory
            ? new Lease(await factory.CreateDbContextAsync(cancellationToken), Owned: true)
            : new Lease(services.GetRequiredService<TContext>(), Owned: false);

    private static string ProviderOf(DbContext db) =>
        db.Database.IsNpgsql() ? nameof(DatabaseProvider.Postgres)
        : db.Database.IsSqlite() ? nameof(DatabaseProvider.Sqlite)
        : db.Database.ProviderName ?? "?";

    private sealed record Lease(TContext Db, bool Owned) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Owned ? Db.DisposeAsync() : ValueTask.CompletedTask;
    }
}

internal static partial class DatabaseMigrationLog
{
    public const string Category = "BffPlatform.ServiceDefaults.Data.DatabaseMigration";

    [LoggerMessage(Level = LogLevel.Information, Message = "The {Service} database is migrated on {Provider}: {Count} migration(s) applied, the latest {Latest}")]
    public static partial void Migrated(ILogger logger, string service, string provider, int count, string latest);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Migrating the {Service} database failed")]
    public static partial void Failed(ILogger logger, string service, Exception exception);
}
