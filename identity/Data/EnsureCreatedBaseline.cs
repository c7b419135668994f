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
    /// <summary>Records the first migration as applied when the database has tables but no history. Returns whether it did.</summary>
    public static async Task<bool> ApplyIfNeededAsync(DbContext db, ILogger logger, CancellationToken cancellationToken)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(cancellationToken) || !await creator.HasTablesAsync(cancellationToken))
        {
            return false;
        }
        var history = db.GetService<IHistoryRepository>();
        if (await history.ExistsAsync(cancellationToken))
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

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The identity database was made without migrations (EnsureCreated): recorded {Migration} as applied, its schema being that migration's")]
    private static partial void LogBaselined(ILogger logger, string migration);
}
