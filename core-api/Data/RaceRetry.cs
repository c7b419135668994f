using BffPlatform.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace BffPlatform.CoreApi.Data;

/// <summary>
/// The one way core-api runs a write that may lose a race on a unique index (two first calls of a
/// new user, two acknowledgements of one event, two reports of one usage row): the attempt that
/// lost is run again, from its first read, on the state the winner committed.
/// </summary>
/// <remarks>
/// Each attempt runs inside EF Core's execution strategy, so on PostgreSQL a transient failure (a
/// dropped connection, a fail-over) reruns that attempt whole, and a transaction the attempt opens
/// is allowed there (the retrying strategy refuses one opened outside it). Every run of an attempt
/// starts with an empty change tracker, so what a failed run added is not saved twice. Only a
/// constraint race is retried here: a transient <see cref="DbUpdateException"/> (SQLite busy or
/// locked after its busy timeout) goes up at once as 503 database_unavailable, because running the
/// attempt again would wait out the busy timeout once more per attempt and then answer the same.
/// An attempt must be safe to run again after a failure: it recomputes what to write from what it
/// reads, it does not add to a value it read before the failure.
/// </remarks>
public static class RaceRetry
{
    public const int DefaultAttempts = 3;

    public static async Task<T> RunAsync<T>(
        CoreDbContext db, Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken, int attempts = DefaultAttempts)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        for (var number = 1; ; number++)
        {
            try
            {
                return await strategy.ExecuteAsync(async ct =>
                {
                    db.ChangeTracker.Clear();
                    try
                    {
                        return await attempt(ct);
                    }
                    finally
                    {
                        db.ChangeTracker.Clear();
                    }
                }, cancellationToken);
            }
            catch (DbUpdateException e) when (number < attempts && !TransientDatabaseError.Is(e))
            {
                // Another writer inserted the row first: the next attempt reads it.
            }
        }
    }

    public static Task RunAsync(CoreDbContext db, Func<CancellationToken, Task> attempt, CancellationToken cancellationToken, int attempts = DefaultAttempts) =>
        RunAsync(db, async ct =>
        {
            await attempt(ct);
            return true;
        }, cancellationToken, attempts);
}
