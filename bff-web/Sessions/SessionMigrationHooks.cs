using BffPlatform.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace BffPlatform.BffWeb.Sessions;

/// <summary>
/// bff-web's part of the session database's migration step (<see cref="DatabaseMigration{TContext}"/>:
/// at start-up embedded, the one-shot <c>--migrate</c> run scaled out): a schema made before
/// migrations is adopted first.
/// </summary>
internal sealed partial class SessionMigrationHooks(ILogger<SessionMigrationHooks> logger) : IDatabaseMigrationHooks<SessionDbContext>
{
    private const string SessionsTableCountSql =
        "SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = 'UserSessions'";

    public async Task BeforeMigrateAsync(SessionDbContext db, CancellationToken cancellationToken)
    {
        if (await AdoptUnversionedSchemaAsync(db, cancellationToken))
        {
            LogAdopted(logger);
        }
    }

    /// <summary>
    /// Until migrations came, the session schema was made by EnsureCreated, which records no
    /// history: a SQLite file with the sessions table and no history gets the first migration
    /// recorded as applied (its schema is exactly that one), so its signed-in users stay signed in
    /// instead of the migration failing on a table that exists.
    /// </summary>
    internal static async Task<bool> AdoptUnversionedSchemaAsync(SessionDbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            return false;
        }
        var history = db.GetService<IHistoryRepository>();
        if (await history.ExistsAsync(cancellationToken)
            || await db.Database.SqlQueryRaw<int>(SessionsTableCountSql).SingleAsync(cancellationToken) == 0)
        {
            return false;
        }
        var first = db.Database.GetMigrations().First();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync(history.GetCreateIfNotExistsScript(), cancellationToken);
        await db.Database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(first, ProductInfo.GetVersion())), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The session database was made before migrations (EnsureCreated): its schema is recorded as the first migration")]
    private static partial void LogAdopted(ILogger logger);
}
