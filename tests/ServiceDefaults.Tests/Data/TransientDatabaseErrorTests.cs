using BffPlatform.ServiceDefaults.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BffPlatform.ServiceDefaults.Tests.Data;

/// <summary>A locked database is not a constraint race: code that catches DbUpdateException for races must see the difference.</summary>
public sealed class TransientDatabaseErrorTests
{
    [Theory]
    [InlineData(5)] // SQLITE_BUSY: another writer holds the lock past the busy timeout
    [InlineData(6)] // SQLITE_LOCKED
    public void Sqlite_busy_and_locked_are_transient_also_inside_ef_cores_exceptions(int code)
    {
        var busy = new SqliteException("database is locked", code);

        Assert.Same(busy, TransientDatabaseError.Find(busy));
        Assert.Same(busy, TransientDatabaseError.Find(new DbUpdateException("save failed", busy)));
        Assert.True(TransientDatabaseError.Is(new InvalidOperationException("retries gave up", new DbUpdateException("save failed", busy))));
    }

    [Fact]
    public void A_unique_key_violation_and_other_failures_are_not()
    {
        var unique = new SqliteException("UNIQUE constraint failed: idempotency_records.Scope, idempotency_records.Key", 19);

        Assert.False(TransientDatabaseError.Is(unique));
        Assert.False(TransientDatabaseError.Is(new DbUpdateException("save failed", unique)));
        Assert.False(TransientDatabaseError.Is(new InvalidOperationException("a bug")));
    }
}
