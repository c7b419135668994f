using System.Net;
using BffPlatform.Contracts.Common;
using BffPlatform.Faults.Tests.Infrastructure;
using BffPlatform.Testing.Web;

namespace BffPlatform.Faults.Tests.Orders;

/// <summary>A rush on the last items: however many orders race, stock is never oversold and never lost.</summary>
[Collection(FaultCollection.Name)]
public sealed class LastItemsTests(FaultPlatform platform)
{
    [Fact]
    public async Task Hundred_concurrent_orders_for_the_last_ten_items_sell_exactly_ten()
    {
        using var core = new CoreCalls(platform);
        await core.AuthenticateAsync();
        var product = await core.CreateProductAsync(stock: 10);

        var answers = await Task.WhenAll(Enumerable.Range(0, 100).Select(async _ =>
        {
            using var response = await core.PlaceOrderAsync(product, 1, Guid.NewGuid().ToString());
            return (response.StatusCode, Body: response.StatusCode == HttpStatusCode.Created ? null : await response.AssertProblemAsync(409, ErrorCodes.InsufficientStock));
        }));

        var database = new CoreDatabase(platform.CoreDatabase);
        Assert.Equal(10, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        Assert.Equal(90, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(0, await core.StockOfAsync(product));
        Assert.Equal(0, await database.StockAsync(product));
        Assert.Equal(10, await database.OrdersOfAsync(product));
        Assert.Equal(10, await database.SoldAsync(product));
        Assert.Equal(0, await database.OrdersWithoutLinesAsync());
    }
}
