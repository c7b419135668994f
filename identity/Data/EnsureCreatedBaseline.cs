using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;

namespace BffPlatform.Identity.Data;

/// <summary>
/// Databases made before identity had migrations were created by <c>EnsureCreated</c>: every table,
/// no <c>__EFMigrationsHistory</c>. Migrating one would try to create the tables again and fail. Such
/// a schema was made from the very model the first migration was generated from, so it is that
/// migration's schema: it is recorded as applied (baselined) and later migrations apply on top.
/// Baselining rather than recreating keeps what a developer's database holds besides the demo seed
/// (users they registered, refresh tokens behind live bff-web sessions).
/// </summary>
internal static partial class EnsureCreatedBaseline
{
    /// <summary>Records the first migration as applied when the database has the users table but no history. Returns whether it did.</summary>
    public static async Task<bool> ApplyIfNeededAsync(DbContext db, ILogger logger, CancellationToken cancellationToken)
    {
        if (!await db.GetService<IRelationalDatabaseCreator>().ExistsAsync(cancellationToken))
        {
            return false;
        }
        var history = db.GetService<IHistoryRepository>();
        // The users table, not "any table": a migration killed after EF Core made its lock table
        // (__EFMigrationsLock, before the history) left tables too, and must migrate from scratch.
        // EnsureCreated made every table in one transaction, so the users table means all of them.
        if (await history.ExistsAsync(cancellationToken) || !await HasUsersTableAsync(db, cancellationToken))
        {
            return false;
        }
        var first = db.Database.GetMigrations().First();
        // One transaction: a kill between the two leaves neither, and the next start baselines again.
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync(history.GetCreateIfNotExistsScript(), cancellationToken);
            await db.Database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(first, ProductInfo.GetVersion())), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
        LogBaselined(logger, first);
        return true;
    }

    private static async Task<bool> HasUsersTableAsync(DbContext db, CancellationToken cancellationToken)
    {
        var table = db.Model.FindEntityType(typeof(AppUser))!.GetTableName()!;
        var sql = db.Database.IsSqlite()
            ? "SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = {0}"
            : "SELECT COUNT(*)::int AS \"Value\" FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = {0}";
        return await db.Database.SqlQueryRaw<int>(sql, table).SingleAsync(cancellationToken) > 0;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The identity database was made without migrations (EnsureCreated): recorded {Migration} as applied, its schema being that migration's")]
    private static partial void LogBaselined(ILogger logger, string migration);
}
