using System.Net;
using BffPlatform.CoreApi.Idempotency;
using BffPlatform.CoreApi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static BffPlatform.CoreApi.Tests.Infrastructure.OrderRequests;
using static BffPlatform.CoreApi.Tests.Infrastructure.ProductRequests;

namespace BffPlatform.CoreApi.Tests.Idempotency;

/// <summary>Moves the fixture's clock by a day, so it has a fixture of its own.</summary>
public sealed class IdempotencyExpiryTests(CoreApiFactory app) : IClassFixture<CoreApiFactory>
{
    private Task<int> OrdersOfAsync(string login) =>
        app.WithDbAsync(db => db.Orders.CountAsync(o => o.CustomerId == TestTokens.SubjectOf(login)));

    private async Task<BffPlatform.Contracts.Products.ProductDto> ProductAsync() => (await app.StaffClient().CreateAsync(NewProduct(stock: 100))).Product;

    [Fact]
    public async Task Keys_are_kept_for_24_hours_then_expire_and_are_cleaned_up()
    {
        var mug = await ProductAsync();
        var client = app.CustomerClient("abe");
        var key = NewKey();
        (await client.SendAsync(PostOrder(Lines((mug.Id, 1)), key))).EnsureSuccessStatusCode();

        app.Time.Advance(TimeSpan.FromHours(23));
        var stillKept = await client.SendAsync(PostOrder(Lines((mug.Id, 2)), key));
        await stillKept.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");

        app.Time.Advance(TimeSpan.FromHours(1));
        var cleanup = app.Services.GetRequiredService<IdempotencyCleanup>();
        await cleanup.CleanupOnceAsync(CancellationToken.None);
        Assert.False(await app.WithDbAsync(db => db.IdempotencyRecords.AnyAsync(r => r.Key == key)));

        var reusable = await client.SendAsync(PostOrder(Lines((mug.Id, 2)), key));
        Assert.Equal(HttpStatusCode.Created, reusable.StatusCode);
        Assert.Equal(2, await OrdersOfAsync("abe"));
    }
}
