using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace BffPlatform.ServiceDefaults.Data;

/// <summary>
/// A database that refuses work for now — SQLite busy or locked by another writer (after its busy
/// timeout; Microsoft.Data.Sqlite does not mark these transient itself), PostgreSQL down or failing
/// over (<see cref="DbException.IsTransient"/>) — however EF Core wrapped it (<c>DbUpdateException</c>, <c>RetryLimitExceededException</c>).
/// Code that catches <c>DbUpdateException</c> to handle a constraint race must let these through:
/// they are not races, and retrying them at once only waits out the busy timeout again.
/// </summary>
public static class TransientDatabaseError
{
    // SQLITE_BUSY and SQLITE_LOCKED (https://sqlite.org/rescode.html).
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    public static DbException? Find(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is DbException database && (database.IsTransient || database is SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked }))
            {
                return database;
            }
        }
        return null;
    }

    public static bool Is(Exception exception) => Find(exception) is not null;
}
