using BffPlatform.Contracts.Orders;
using BffPlatform.CoreApi.Data;
using BffPlatform.CoreApi.Idempotency;
using BffPlatform.CoreApi.Outbox;
using BffPlatform.CoreApi.Products;
using BffPlatform.CoreApi.Sync;
using BffPlatform.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;

namespace BffPlatform.CoreApi.Orders;

/// <summary>
/// Status changes and cancellations. Order.Version is the concurrency token: the change, the
/// restock (for a cancellation), the outbox event and the sync feed's change row commit together, and a writer that lost a
/// race re-reads the order and judges the transition again, so an order is cancelled (and
/// restocked) at most once.
/// </summary>
public sealed class OrderChanges(CoreDbContext db, CatalogCache catalog, TimeProvider time)
{
    private const int Attempts = 3;

    /// <summary>
    /// Moves the order to <paramref name="to"/>; an order outside <paramref name="visibleTo"/> is 404.
    /// A test order (placed with a partner's test key) reserved no stock, so it restocks none. Under an
    /// idempotency <paramref name="claim"/>, the answer is sealed in the change's transaction.
    /// </summary>
    public async Task<IResult> MoveAsync(Guid id, OrderStatus to, OrderScope visibleTo, IdempotencyClaim? claim, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            // On PostgreSQL a transient failure runs the attempt again, from reading the order on.
            var (answer, restocked) = await strategy.ExecuteAsync(() => AttemptAsync(id, to, visibleTo, claim, cancellationToken));
            if (answer is null)
            {
                continue;
            }
            if (restocked.Count > 0)
            {
                await catalog.InvalidateAsync(restocked, CancellationToken.None);
            }
            return answer;
        }
        return OrderProblems.ConcurrentChange();
    }

    /// <summary>One attempt: the answer and the products restocked; no answer when another writer changed the order first.</summary>
    private async Task<(IResult? Answer, IReadOnlyList<Guid> Restocked)> AttemptAsync(
        Guid id, OrderStatus to, OrderScope visibleTo, IdempotencyClaim? claim, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var order = await OrderReads.FindAsync(db, id, tracked: true, cancellationToken);
        if (order is null || !visibleTo.Sees(order))
        {
            return (Problem.NotFound("The order"), []);
        }
        var from = order.Status;
        if (!OrderStatusMachine.CanMove(from, to))
        {
            return (OrderProblems.IllegalTransition(from, to), []);
        }

        var now = time.GetUtcNow();
        await OrderChangeLog.EnsureCounterAsync(db, order.CustomerId, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        order.Status = to;
        order.Version++;
        order.UpdatedAt = now;
        var dto = OrderReads.ToDto(order);
        OrderEvents.Append(db, to == OrderStatus.Cancelled ? OrderEventTypes.OrderCancelled : OrderEventTypes.OrderStatusChanged, dto, from, now);
        try
        {
            // First: the version check decides whether this writer may restock at all.
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return (null, []);
        }

        var restocked = new List<Guid>();
        if (to == OrderStatus.Cancelled && !order.Test)
        {
            foreach (var line in order.Lines.OrderBy(l => l.ProductId))
            {
                await db.Products.Where(p => p.Id == line.ProductId)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(p => p.Stock, p => p.Stock + line.Quantity)
                        .SetProperty(p => p.Version, p => p.Version + 1)
                        .SetProperty(p => p.UpdatedAt, now), cancellationToken);
                restocked.Add(line.ProductId);
            }
        }
        // Last, after the stock rows: see OrderChangeLog for the lock order.
        await OrderChangeLog.RecordAsync(db, order.CustomerId, order.Id, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        IResult answer = TypedResults.Ok(dto);
        if (claim is not null)
        {
            answer = await claim.SealAsync(answer, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return (answer, restocked);
    }
}
