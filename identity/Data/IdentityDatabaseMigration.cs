using BffPlatform.Identity.Server;
using BffPlatform.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BffPlatform.Identity.Data;

/// <summary>
/// Migrations (and bringing clients and demo users in line with configuration) as their own step,
/// named as core-api names it. Embedded, identity does both at start-up. Scaled out, instances share
/// one database: a one-shot run (<c>--migrate</c>, or <c>Database:MigrateOnly=true</c>; the Kubernetes
/// migration Job) does both and exits, and instances started with <c>Database:MigrateOnStart=false</c>
/// refuse a database that is behind their code. Seeding belongs to the step too: instances starting
/// together would race to register the same client.
/// </summary>
internal sealed partial class IdentityDatabaseMigration(
    IServiceScopeFactory scopes,
    DatabaseStartup startup,
    IOptions<IdentityDatabaseOptions> options,
    ILogger<IdentityDatabaseMigration> logger)
{
    /// <summary>The command-line switch of the one-shot run.</summary>
    public const string Switch = "--migrate";

    /// <summary>Turns <see cref="Switch"/> into <c>Database:MigrateOnly=true</c> (configuration needs key=value).</summary>
    public static string[] ReadSwitch(string[] args) =>
        args.Select(a => a == Switch ? $"--{IdentityDatabaseOptions.SectionName}:{nameof(IdentityDatabaseOptions.MigrateOnly)}=true" : a).ToArray();

    /// <summary>Whether this process is the one-shot migration run.</summary>
    public bool MigrateOnly => options.Value.MigrateOnly;

    /// <summary>Baselines a schema made by EnsureCreated, applies pending migrations, then seeds.</summary>
    public async Task MigrateAndSeedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        // Owned first (SQLite): no other process baselines or migrates the file alongside.
        await startup.OwnAsync(db, cancellationToken);
        await EnsureCreatedBaseline.ApplyIfNeededAsync(db, logger, cancellationToken);
        await startup.MigrateAsync(db, cancellationToken);
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
        LogMigrated(logger, db.Database.ProviderName ?? "?", applied.Count, applied.LastOrDefault() ?? "none");
        await scope.ServiceProvider.GetRequiredService<IdentitySeeder>().SeedAsync(cancellationToken);
    }

    /// <summary>The one-shot run: migrate and seed, then exit 0; any failure is logged and exits 1.</summary>
    public async Task<int> RunAloneAsync(CancellationToken cancellationToken)
    {
        try
        {
            await MigrateAndSeedAsync(cancellationToken);
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
    /// start-up, naming them, rather than failing the first sign-in.
    /// </summary>
    public async Task EnsureCurrentAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            throw new InvalidOperationException(
                $"The identity database is missing {pending.Count} migration(s) of this version ({string.Join(", ", pending)}) and " +
                $"{IdentityDatabaseOptions.SectionName}:{nameof(IdentityDatabaseOptions.MigrateOnStart)} is false: run identity {Switch} (the migration Job) first.");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Identity database migrated on {Provider}: {Count} migration(s) applied, the latest {Latest}")]
    private static partial void LogMigrated(ILogger logger, string provider, int count, string latest);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Migrating the identity database failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
