using BffPlatform.Contracts.Orders;
using BffPlatform.CoreApi.Data;
using BffPlatform.CoreApi.Idempotency;
using BffPlatform.CoreApi.Outbox;
using BffPlatform.CoreApi.Products;
using BffPlatform.CoreApi.Sync;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BffPlatform.CoreApi.Orders;

/// <summary>A line to buy; <paramref name="Field"/> is the request field to name if its product is unknown.</summary>
public sealed record PlacementLine(Guid ProductId, int Quantity, string Field);

/// <summary>
/// Who an order is for: its owner, a partner's own customer reference, and whether it is a test
/// order (a partner's test key: validated against the catalog, but no live stock is reserved).
/// </summary>
public sealed record OrderOwner(string CustomerId, string? CustomerReference = null, bool Test = false);

/// <summary>
/// Places orders: reserves stock, writes the order, its outbox event, its sync feed change and its idempotent answer,
/// and (for a checkout) empties the cart — all in ONE transaction, or nothing at all.
/// </summary>
/// <remarks>
/// Stock is reserved by a conditional UPDATE per product (<c>WHERE Id = @id AND Active AND
/// Stock &gt;= @qty</c>), so the check and the decrement are one atomic statement on every
/// provider: no product is ever oversold, however many orders race. On SQLite the transaction
/// begins IMMEDIATE (Microsoft.Data.Sqlite's default), so writers queue for the database lock;
/// a writer that finds it taken gets SQLITE_BUSY, which Microsoft.Data.Sqlite retries until the
/// command timeout (30 s by default, <c>Default Timeout</c> in the connection string), so bursts
/// queue rather than fail. On PostgreSQL the UPDATE row locks serialise orders per product, and
/// products are locked in id order so two orders never deadlock; the transaction runs inside
/// EF Core's execution strategy, so a transient failure retries all of it, never half.
/// </remarks>
public sealed class OrderPlacement(CoreDbContext db, CatalogCache catalog, TimeProvider time)
{
    /// <summary>Places an order of these lines for <paramref name="owner"/>.</summary>
    public Task<IResult> PlaceAsync(OrderOwner owner, IReadOnlyList<PlacementLine> lines, IdempotencyClaim claim, CancellationToken cancellationToken) =>
        PlaceCoreAsync(owner, lines, cartOwner: null, claim, cancellationToken);

    /// <summary>Turns the user's cart into an order and empties the cart.</summary>
    public Task<IResult> CheckoutAsync(string userId, IdempotencyClaim claim, CancellationToken cancellationToken) =>
        PlaceCoreAsync(new OrderOwner(userId), lines: null, cartOwner: userId, claim, cancellationToken);

    private async Task<IResult> PlaceCoreAsync(
        OrderOwner owner, IReadOnlyList<PlacementLine>? lines, string? cartOwner, IdempotencyClaim claim, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await OrderChangeLog.EnsureCounterAsync(db, owner.CustomerId, cancellationToken);
        // On PostgreSQL a transient failure (a dropped connection, a server restarting) runs the
        // whole transaction again from the start; on SQLite the strategy runs it once.
        var (answer, reserved) = await db.Database.CreateExecutionStrategy().ExecuteAsync(
            () => PlaceInTransactionAsync(owner, lines, cartOwner, claim, now, cancellationToken));
        if (reserved.Count > 0)
        {
            // After the commit: a reader can no longer load the old stock into the cache.
            await catalog.InvalidateAsync(reserved, CancellationToken.None);
        }
        return answer;
    }

    /// <summary>One attempt: the answer, and the products whose stock it took (none when refused or a test order).</summary>
    private async Task<(IResult Answer, IReadOnlyList<Guid> Reserved)> PlaceInTransactionAsync(
        OrderOwner owner, IReadOnlyList<PlacementLine>? lines, string? cartOwner, IdempotencyClaim claim, DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        if (cartOwner is not null)
        {
            // Read inside the transaction: the cart emptied below is exactly the cart bought.
            lines = (await db.CartLines.AsNoTracking().Where(l => l.UserId == cartOwner).ToListAsync(cancellationToken))
                .Select(l => new PlacementLine(l.ProductId, l.Quantity, "productId"))
                .ToList();
            if (lines.Count == 0)
            {
                return (await RefuseAsync(transaction, claim, OrderProblems.CartEmpty(), cancellationToken), []);
            }
        }

        var ordered = lines!.OrderBy(l => l.ProductId).ToList();
        foreach (var line in ordered)
        {
            if (owner.Test)
            {
                // The sandbox checks what a live order would (known, active) but takes no stock.
                var orderable = await db.Products.AnyAsync(p => p.Id == line.ProductId && p.Active, cancellationToken);
                if (!orderable)
                {
                    return (await RefuseAsync(transaction, claim, await ExplainAsync(line, cancellationToken), cancellationToken), []);
                }
                continue;
            }
            var reserved = await db.Products
                .Where(p => p.Id == line.ProductId && p.Active && p.Stock >= line.Quantity)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(p => p.Stock, p => p.Stock - line.Quantity)
                    .SetProperty(p => p.Version, p => p.Version + 1)
                    .SetProperty(p => p.UpdatedAt, now), cancellationToken);
            if (reserved == 0)
            {
                return (await RefuseAsync(transaction, claim, await ExplainAsync(line, cancellationToken), cancellationToken), []);
            }
        }

        // Read after reserving: in this transaction the rows are ours, so names and prices are
        // the ones in force when the stock was taken.
        var ids = ordered.Select(l => l.ProductId).ToList();
        var products = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var currency = products[ordered[0].ProductId].Currency;
        if (ordered.Select(l => products[l.ProductId]).FirstOrDefault(p => p.Currency != currency) is { } other)
        {
            return (await RefuseAsync(transaction, claim, OrderProblems.CurrencyMismatch(other.Id, other.Name, other.Currency, currency), cancellationToken), []);
        }

        var order = new Order
        {
            Id = Guid.CreateVersion7(now),
            CustomerId = owner.CustomerId,
            CustomerReference = owner.CustomerReference,
            Test = owner.Test,
            Status = OrderStatus.Pending,
            Currency = currency,
            Version = 1,
            CreatedAt = now,
            UpdatedAt = now,
            Lines = ordered.Select(l =>
            {
                var p = products[l.ProductId];
                return new OrderLine { ProductId = p.Id, Sku = p.Sku, Name = p.Name, UnitPrice = p.Price, Currency = p.Currency, Quantity = l.Quantity };
            }).ToList(),
        };
        order.Total = order.Lines.Sum(l => l.UnitPrice * l.Quantity);
        order.Lines.ForEach(l => l.OrderId = order.Id);
        db.Orders.Add(order);
        var dto = OrderReads.ToDto(order);
        OrderEvents.Append(db, OrderEventTypes.OrderCreated, dto, previousStatus: null, now);
        // After the stock rows: see OrderChangeLog for the lock order.
        await OrderChangeLog.RecordAsync(db, owner.CustomerId, order.Id, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        if (cartOwner is not null)
        {
            await db.CartLines.Where(l => l.UserId == cartOwner).ExecuteDeleteAsync(cancellationToken);
            await db.Carts.Where(c => c.UserId == cartOwner).ExecuteUpdateAsync(s => s.SetProperty(c => c.UpdatedAt, now), cancellationToken);
        }

        var answer = await claim.SealAsync(TypedResults.Created($"/api/v1/orders/{order.Id}", dto), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return (answer, owner.Test ? [] : ids);
    }

    /// <summary>Why a reservation matched no row: unknown, inactive, or not enough stock.</summary>
    private async Task<ProblemHttpResult> ExplainAsync(PlacementLine line, CancellationToken cancellationToken)
    {
        var product = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == line.ProductId, cancellationToken);
        return product switch
        {
            null => OrderProblems.UnknownProduct(line.Field),
            { Active: false } => OrderProblems.ProductInactive(product.Id, product.Name),
            _ => OrderProblems.InsufficientStock(product.Id, product.Name, product.Stock),
        };
    }

    /// <summary>
    /// Undoes everything (earlier reservations included), then stores the refusal under the key.
    /// Business refusals ARE stored, as Stripe does: they depend on the state at that moment, and
    /// a retry of the same request must not turn an "out of stock" the client already reported
    /// into an order placed minutes later. A new attempt uses a new key. (Shape errors are
    /// answered before the key is claimed, so fixing a typo never needs a new key.)
    /// </summary>
    private async Task<IResult> RefuseAsync(
        Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, IdempotencyClaim claim, ProblemHttpResult problem, CancellationToken cancellationToken)
    {
        await transaction.RollbackAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return await claim.SealAsync(problem, cancellationToken);
    }
}
