using System.Net;
using BffPlatform.CoreApi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static BffPlatform.CoreApi.Tests.Infrastructure.OrderRequests;
using static BffPlatform.CoreApi.Tests.Infrastructure.ProductRequests;

namespace BffPlatform.CoreApi.Tests.Idempotency;

/// <summary>A 5xx stores nothing: the claim is released and a retry with the same key runs.</summary>
public sealed class IdempotencyFailureTests(FaultyCoreApiFactory app) : IClassFixture<FaultyCoreApiFactory>
{
    [Fact]
    public async Task A_failed_request_releases_its_key_and_rolls_back_the_reservation()
    {
        var mug = (await app.StaffClient().CreateAsync(NewProduct(stock: 5))).Product;
        var client = app.CustomerClient("quinn");
        var key = NewKey();

        app.FailOrderInserts = true;
        var failed = await client.SendAsync(PostOrder(Lines((mug.Id, 2)), key));
        app.FailOrderInserts = false;

        await failed.AssertProblemAsync(HttpStatusCode.InternalServerError, "internal_error");
        Assert.DoesNotContain("Injected", await failed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.IdempotencyRecords.AnyAsync(r => r.Key == key)));
        Assert.Equal(5, await app.StockOfAsync(mug.Id));
        Assert.Equal(0, await app.OrderCountAsync());

        var retry = await client.SendAsync(PostOrder(Lines((mug.Id, 2)), key));
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.False(retry.Headers.Contains("Idempotency-Replayed"));
        Assert.Equal(3, await app.StockOfAsync(mug.Id));
        Assert.Equal(1, await app.OrderCountAsync());
    }
}
