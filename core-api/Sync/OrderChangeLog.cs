using BffPlatform.CoreApi.Data;
using BffPlatform.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace BffPlatform.CoreApi.Sync;

/// <summary>
/// Numbers order changes per customer for the sync feed. Writers call <see cref="EnsureCounterAsync"/>
/// before their transaction and <see cref="RecordAsync"/> inside it, before the SaveChanges that
/// commits the change, so a change row exists if and only if its change committed.
/// </summary>
/// <remarks>
/// The counter is incremented by one atomic UPDATE (<c>SET Sequence = Sequence + 1</c>), not read
/// and written back: on PostgreSQL the row lock makes a second writer of the same customer wait for
/// the first one's commit and then count on from its number, so no writer fails and none needs a
/// retry (order placement, with its idempotent answer sealed in the same transaction, has no retry
/// path). On SQLite transactions begin IMMEDIATE, so writers are serialised anyway. Either way the
/// numbers of one customer commit in order, which is what lets the feed hand out "everything up
/// to n" as a position that stays true.
/// </remarks>
public static class OrderChangeLog
{
    /// <summary>
    /// Creates the customer's counter when missing, in its own statement before the writer's
    /// transaction: two first changes of a customer racing to insert it must not abort a placement.
    /// </summary>
    public static async Task EnsureCounterAsync(CoreDbContext db, string customerId, CancellationToken cancellationToken)
    {
        if (await db.OrderChangeCounters.AnyAsync(c => c.CustomerId == customerId, cancellationToken))
        {
            return;
        }
        var counter = new OrderChangeCounter { CustomerId = customerId, Sequence = 0 };
        db.OrderChangeCounters.Add(counter);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (!TransientDatabaseError.Is(e))
        {
            // Another writer created it first; that row is all we need.
        }
        finally
        {
            // Only this row: the caller may already track what it is about to change.
            db.Entry(counter).State = EntityState.Detached;
        }
    }

    /// <summary>
    /// Takes the customer's next number and adds the change row (saved by the caller's SaveChanges).
    /// Call it after the writer's other row locks (stock, the order): every writer then locks
    /// products before the counter, so two writers of one customer never wait on each other in a circle.
    /// </summary>
    public static async Task RecordAsync(CoreDbContext db, string customerId, Guid orderId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var updated = await db.OrderChangeCounters.Where(c => c.CustomerId == customerId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Sequence, c => c.Sequence + 1), cancellationToken);
        if (updated != 1)
        {
            throw new InvalidOperationException($"The order change counter of '{customerId}' is missing; call {nameof(EnsureCounterAsync)} first.");
        }
        var sequence = await db.OrderChangeCounters.Where(c => c.CustomerId == customerId).Select(c => c.Sequence).SingleAsync(cancellationToken);
        db.OrderChanges.Add(new OrderChange { CustomerId = customerId, Sequence = sequence, OrderId = orderId, ChangedAt = now });
    }
}
