using System.Collections.Concurrent;
using System.Net;
using BffPlatform.Contracts.Orders;
using BffPlatform.CoreApi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static BffPlatform.CoreApi.Tests.Infrastructure.ProductRequests;

namespace BffPlatform.CoreApi.Tests.Sync;

/// <summary>
/// Writers (the customer placing and cancelling, staff moving statuses) race a syncing reader on
/// one customer's orders, on the fixture's file SQLite database. Every state an order reaches is
/// either seen once or superseded before the reader got there; none is seen twice, none out of
/// order, and every order's final state is seen.
/// </summary>
public abstract class OrderChangeConcurrencyTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : CoreApiFactory
{
    private static readonly OrderStatus[] Path = [OrderStatus.Pending, OrderStatus.Confirmed, OrderStatus.Shipped, OrderStatus.Delivered];

    private static int Rank(OrderStatus status) => status == OrderStatus.Cancelled ? 1 : Array.IndexOf(Path, status);

    [Fact]
    public async Task A_reader_syncing_during_concurrent_writes_sees_each_state_at_most_once_and_every_final_state()
    {
        var mug = (await app.StaffClient().CreateAsync(NewProduct(stock: 10_000))).Product;
        var customer = app.CustomerClient("racing");
        var staff = app.StaffClient();
        var writersDone = new CancellationTokenSource();
        var seen = new ConcurrentQueue<OrderSummaryDto>();

        // The reader syncs in small pages the whole time the writers run, then once more after them.
        var reader = Task.Run(async () =>
        {
            var reading = app.CustomerClient("racing");
            string? since = null;
            while (true)
            {
                var last = writersDone.IsCancellationRequested;
                var (orders, next) = await reading.SyncAsync(since, limit: 3);
                foreach (var order in orders) seen.Enqueue(order);
                since = next;
                if (last) return;
            }
        });

        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 4; i++)
            {
                var order = await customer.PlaceOrderAsync((mug.Id, 1));
                if ((w + i) % 3 == 0)
                {
                    Assert.Equal(HttpStatusCode.OK, (await customer.PostAsync($"/api/v1/orders/{order.Id}/cancel", null)).StatusCode);
                    continue;
                }
                foreach (var status in Path.Skip(1).Take(1 + (w + i) % 3))
                {
                    Assert.Equal(HttpStatusCode.OK, (await staff.MoveAsync(order.Id, status)).StatusCode);
                }
            }
        })).ToList();
        await Task.WhenAll(writers);
        writersDone.Cancel();
        await reader;

        var final = await app.WithDbAsync(db => db.Orders.AsNoTracking()
            .Where(o => o.CustomerId == TestTokens.SubjectOf("racing")).ToDictionaryAsync(o => o.Id, o => o.Status));
        Assert.Equal(32, final.Count);
        var byOrder = seen.GroupBy(o => o.Id).ToDictionary(g => g.Key, g => g.Select(o => o.Status).ToList());
        Assert.Equal(final.Keys.Order(), byOrder.Keys.Order());
        foreach (var (id, statuses) in byOrder)
        {
            // Strictly forward: a state seen twice, or an older one after a newer, fails here.
            Assert.True(statuses.Zip(statuses.Skip(1)).All(p => Rank(p.First) < Rank(p.Second)), $"{id}: {string.Join(", ", statuses)}");
            Assert.Equal(final[id], statuses[^1]);
        }

        // The sequence itself: one number per committed change, 1..n with no gap and no repeat.
        var customerId = TestTokens.SubjectOf("racing");
        var sequences = await app.WithDbAsync(db => db.OrderChanges.Where(c => c.CustomerId == customerId).Select(c => c.Sequence).ToListAsync());
        var changes = 32 + final.Values.Sum(Rank);
        Assert.Equal(Enumerable.Range(1, changes).Select(i => (long)i), sequences.Order());
        Assert.Equal(changes, await app.WithDbAsync(db => db.OrderChangeCounters.Where(c => c.CustomerId == customerId).Select(c => c.Sequence).SingleAsync()));
    }
}

/// <summary>On the embedded default: a SQLite file.</summary>
public sealed class OrderChangeConcurrencyOnSqliteTests(CoreApiFactory app) : OrderChangeConcurrencyTests<CoreApiFactory>(app);

/// <summary>On a real PostgreSQL server.</summary>
public sealed class OrderChangeConcurrencyOnPostgresTests(PostgresCoreApiFactory app) : OrderChangeConcurrencyTests<PostgresCoreApiFactory>(app);
