using BffPlatform.Contracts.Orders;
using BffPlatform.CoreApi.Data;
using BffPlatform.CoreApi.Orders;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace BffPlatform.CoreApi.Tests.Sync;

/// <summary>The migration that adds the feed gives orders placed before it one change each, so a full sync still finds them.</summary>
public sealed class OrderChangeMigrationTests : IDisposable
{
    private const string BeforeTheFeed = "20261129224203_Partners";
    private readonly string _folder = Directory.CreateTempSubdirectory("order-change-migration-").FullName;

    [Fact]
    public async Task Existing_orders_get_one_change_each_numbered_per_customer_in_update_order()
    {
        var options = new DbContextOptionsBuilder<CoreDbContext>().UseSqlite($"Data Source={Path.Combine(_folder, "core.db")}").Options;
        var t0 = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
        Order Old(string customer, int minutes) => new()
        {
            Id = Guid.NewGuid(), CustomerId = customer, Currency = "EUR", Status = OrderStatus.Confirmed,
            CreatedAt = t0, UpdatedAt = t0.AddMinutes(minutes),
        };
        var (a1, a2, b1) = (Old("alice", 5), Old("alice", 1), Old("bob", 3));
        await using (var db = new CoreDbContext(options))
        {
            await db.GetService<IMigrator>().MigrateAsync(BeforeTheFeed);
            // Only the tables that existed before the feed are written here.
            db.Orders.AddRange(a1, a2, b1);
            await db.SaveChangesAsync();
        }

        await using (var db = new CoreDbContext(options))
        {
            await db.Database.MigrateAsync();

            var changes = await db.OrderChanges.AsNoTracking().OrderBy(c => c.CustomerId).ThenBy(c => c.Sequence)
                .Select(c => new { c.CustomerId, c.Sequence, c.OrderId }).ToListAsync();
            Assert.Equal(
                [new { CustomerId = "alice", Sequence = 1L, OrderId = a2.Id }, new { CustomerId = "alice", Sequence = 2L, OrderId = a1.Id }, new { CustomerId = "bob", Sequence = 1L, OrderId = b1.Id }],
                changes);
            var counters = await db.OrderChangeCounters.AsNoTracking().OrderBy(c => c.CustomerId).Select(c => c.Sequence).ToListAsync();
            Assert.Equal([2L, 1L], counters);
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
