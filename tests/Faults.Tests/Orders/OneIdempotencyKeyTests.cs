using System.Net;
using System.Text.Json.Nodes;
using BffPlatform.Contracts.Common;
using BffPlatform.Faults.Tests.Infrastructure;
using BffPlatform.Testing.Web;

namespace BffPlatform.Faults.Tests.Orders;

/// <summary>A client retrying in a storm (a flaky network, a double-clicking user): one key is one order.</summary>
[Collection(FaultCollection.Name)]
public sealed class OneIdempotencyKeyTests(FaultPlatform platform)
{
    [Fact]
    public async Task Fifty_concurrent_requests_with_one_idempotency_key_place_one_order()
    {
        using var core = new CoreCalls(platform);
        await core.AuthenticateAsync();
        var product = await core.CreateProductAsync(stock: 100);
        var key = Guid.NewGuid().ToString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            using var response = await core.PlaceOrderAsync(product, 3, key);
            if (response.StatusCode == HttpStatusCode.Conflict)
            {
                await response.AssertProblemAsync(409, ErrorCodes.IdempotencyRequestInFlight);
                return (Guid?)null;
            }
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (await response.JsonAsync())["id"]!.GetValue<Guid>();
        }));

        // Every answer is the one order (first or replayed) or "in flight, retry"; at least one got it.
        var orders = answers.OfType<Guid>().Distinct().ToList();
        Assert.Single(orders);
        var database = new CoreDatabase(platform.CoreDatabase);
        Assert.Equal(1, await database.OrdersOfAsync(product));
        Assert.Equal(3, await database.SoldAsync(product));
        Assert.Equal(97, await database.StockAsync(product));

        // The key still answers with that order afterwards (a late retry).
        using var late = await core.PlaceOrderAsync(product, 3, key);
        Assert.Equal(orders[0], (await late.JsonAsync())["id"]!.GetValue<Guid>());
        Assert.Equal(97, await database.StockAsync(product));
    }
}
