using System.Net;
using BffPlatform.Contracts.Orders;
using BffPlatform.CoreApi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static BffPlatform.CoreApi.Tests.Infrastructure.OrderRequests;
using static BffPlatform.CoreApi.Tests.Infrastructure.ProductRequests;

namespace BffPlatform.CoreApi.Tests.Orders;

/// <summary>
/// Races on the fixture's file-backed SQLite database (WAL). Writers queue on the database lock:
/// a transaction begins IMMEDIATE and Microsoft.Data.Sqlite retries SQLITE_BUSY until the
/// command timeout (30 s default), so no request here fails for being concurrent — only for
/// finding the stock gone.
/// </summary>
public abstract class OrderConcurrencyTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : CoreApiFactory
{
    [Fact]
    public async Task Fifty_concurrent_orders_for_ten_in_stock_sell_exactly_ten()
    {
        var product = (await app.StaffClient().CreateAsync(NewProduct(stock: 10))).Product;
        var customers = Enumerable.Range(0, 50).Select(i => app.CustomerClient($"racer{i % 10}")).ToList();

        var responses = await Task.WhenAll(customers.Select(c => c.SendAsync(PostOrder(Lines((product.Id, 1)), NewKey()))));

        var codes = responses.Select(r => r.StatusCode).ToList();
        Assert.Equal(10, codes.Count(c => c == HttpStatusCode.Created));
        Assert.Equal(40, codes.Count(c => c == HttpStatusCode.Conflict));
        foreach (var refused in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            await refused.AssertProblemAsync(HttpStatusCode.Conflict, "insufficient_stock");
        }
        Assert.Equal(0, await app.StockOfAsync(product.Id));
        Assert.Equal(10, await app.WithDbAsync(db => db.OrderLines.Where(l => l.ProductId == product.Id).SumAsync(l => l.Quantity)));
        Assert.Equal(10, await app.WithDbAsync(db => db.OutboxEvents.CountAsync(e =>
            e.Type == OrderEventTypes.OrderCreated && db.OrderLines.Any(l => l.OrderId == e.AggregateId && l.ProductId == product.Id))));
        // Every reservation bumped the version once.
        Assert.Equal(product.Version + 10, await app.WithDbAsync(db => db.Products.Where(p => p.Id == product.Id).Select(p => p.Version).SingleAsync()));
    }

    [Fact]
    public async Task Concurrent_orders_of_several_quantities_never_drive_stock_negative()
    {
        var product = (await app.StaffClient().CreateAsync(NewProduct(stock: 17))).Product;
        var quantities = Enumerable.Range(0, 30).Select(i => 1 + i % 4).ToList();

        var responses = await Task.WhenAll(quantities.Select((q, i) => app.CustomerClient($"mixed{i}").SendAsync(PostOrder(Lines((product.Id, q)), NewKey()))));

        var sold = quantities.Where((q, i) => responses[i].StatusCode == HttpStatusCode.Created).Sum();
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        var stock = await app.StockOfAsync(product.Id);
        Assert.True(stock >= 0, $"stock went negative: {stock}");
        Assert.Equal(17, stock + sold);
        // The last refused buyer could not have fitted: whatever was left is below every refused quantity.
        var smallestRefused = quantities.Where((q, i) => responses[i].StatusCode == HttpStatusCode.Conflict).DefaultIfEmpty(int.MaxValue).Min();
        Assert.True(stock < smallestRefused, $"{stock} left, yet an order of {smallestRefused} was refused");
    }
}

/// <summary>On the embedded default: a SQLite file.</summary>
public sealed class OrderConcurrencyOnSqliteTests(CoreApiFactory app) : OrderConcurrencyTests<CoreApiFactory>(app);

/// <summary>On a real PostgreSQL server.</summary>
public sealed class OrderConcurrencyOnPostgresTests(PostgresCoreApiFactory app) : OrderConcurrencyTests<PostgresCoreApiFactory>(app);
