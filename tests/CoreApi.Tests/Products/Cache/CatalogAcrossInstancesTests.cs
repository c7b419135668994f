using System.Net;
using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Products;
using BffPlatform.CoreApi.Products;
using BffPlatform.CoreApi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static BffPlatform.CoreApi.Tests.Infrastructure.ProductRequests;

namespace BffPlatform.CoreApi.Tests.Products.Cache;

/// <summary>
/// Two core-api instances (in process) on one database and one Redis: what one changes, the other
/// serves on its very next read, although both serve from their caches; with Redis down both read
/// the database and say so on /health/ready; with Redis back both cache again.
/// </summary>
public sealed class CatalogAcrossInstancesTests(TwoCoreApisOnRedis two) : IClassFixture<TwoCoreApisOnRedis>
{
    private CoreApiFactory[] Both => [two.A, two.B];

    [Fact]
    public async Task An_edit_through_one_instance_is_what_both_serve_next()
    {
        var category = $"Across-{Guid.NewGuid():N}";
        var (product, _) = await two.A.StaffClient().CreateAsync(NewProduct(category: category, name: "Original", price: 10m));
        Assert.Equal("Original", (await ReadAsync(two.A, product.Id)).Name);
        Assert.Equal("Original", (await ListedAsync(two.A, category)).Name);

        // A change behind the API's back is not seen: A answers from memory, and B, which never
        // read the product, from Redis, where A's reads put it.
        await SneakAsync(product.Id, "Behind the back");
        await AssertBothServeAsync(product.Id, category, "Original", 10m);

        var current = await ReadFromDbAsync(product.Id);
        (await two.A.StaffClient().SendAsync(Put(product.Id, current.ToUpdate() with { Name = "Updated", Price = 12.25m }, ETags.For(current.Version))))
            .EnsureSuccessStatusCode();
        await AssertBothServeAsync(product.Id, category, "Updated", 12.25m);
    }

    [Fact]
    public async Task A_sale_through_one_instance_lowers_the_stock_both_show()
    {
        var category = $"Across-{Guid.NewGuid():N}";
        var (product, _) = await two.A.StaffClient().CreateAsync(NewProduct(category: category, stock: 10));
        foreach (var app in Both)
        {
            Assert.Equal(10, (await ReadAsync(app, product.Id)).Stock);
            Assert.Equal(10, (await ListedAsync(app, category)).Stock);
        }

        await two.B.CustomerClient().PlaceOrderAsync((product.Id, 3));
        foreach (var app in Both)
        {
            Assert.Equal(7, (await ReadAsync(app, product.Id)).Stock);
            Assert.Equal(7, (await ListedAsync(app, category)).Stock);
        }
    }

    [Fact]
    public async Task With_Redis_down_both_read_the_database_and_cache_again_when_it_returns()
    {
        var category = $"Across-{Guid.NewGuid():N}";
        var (product, _) = await two.A.StaffClient().CreateAsync(NewProduct(category: category, name: "Before", price: 10m));
        await AssertBothServeAsync(product.Id, category, "Before", 10m);

        await two.Redis.StopAsync();
        try
        {
            await Eventually.HoldsAsync(() => !two.A.Caching && !two.B.Caching, "both instances stop using the cache");
            foreach (var app in Both)
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, (await app.AnonymousClient().GetAsync("/health/ready")).StatusCode);
            }
            // An edit that cannot be told to anyone, and one behind the API's back: both seen at once, from the database.
            var current = await ReadFromDbAsync(product.Id);
            (await two.A.StaffClient().SendAsync(Put(product.Id, current.ToUpdate() with { Name = "During", Price = 11m }, ETags.For(current.Version))))
                .EnsureSuccessStatusCode();
            await AssertBothServeAsync(product.Id, category, "During", 11m);
            await SneakAsync(product.Id, "Sneaked during");
            await AssertBothServeAsync(product.Id, category, "Sneaked during", 11m);
        }
        finally
        {
            await two.Redis.StartAsync();
        }

        await Eventually.HoldsAsync(() => two.A.Caching && two.B.Caching, "both instances use the cache again");
        foreach (var app in Both)
        {
            Assert.Equal(HttpStatusCode.OK, (await app.AnonymousClient().GetAsync("/health/ready")).StatusCode);
        }
        await AssertBothServeAsync(product.Id, category, "Sneaked during", 11m);
        await SneakAsync(product.Id, "Sneaked after");
        await AssertBothServeAsync(product.Id, category, "Sneaked during", 11m);

        var fresh = await ReadFromDbAsync(product.Id);
        (await two.B.StaffClient().SendAsync(Put(product.Id, fresh.ToUpdate() with { Name = "After", Price = 13m }, ETags.For(fresh.Version))))
            .EnsureSuccessStatusCode();
        await AssertBothServeAsync(product.Id, category, "After", 13m);
    }

    [Fact]
    public async Task Products_seeded_by_an_instance_that_starts_later_appear_in_pages_already_cached()
    {
        foreach (var app in Both)
        {
            Assert.Empty((await (await app.CustomerClient().GetAsync("/api/v1/products?category=Books")).ReadJsonAsync<Page<ProductDto>>()).Items);
        }
        var seeding = await two.StartAnotherAsync(seed: true);
        try
        {
            // Following means the seeded products are recorded and every instance confirmed them.
            await Eventually.HoldsAsync(() => seeding.Caching, "the new instance follows the changes");
            foreach (var app in Both)
            {
                Assert.Equal(10, (await (await app.CustomerClient().GetAsync("/api/v1/products?category=Books")).ReadJsonAsync<Page<ProductDto>>()).Items.Count);
            }
        }
        finally
        {
            await ((IAsyncLifetime)seeding).DisposeAsync();
        }
    }

    private async Task AssertBothServeAsync(Guid id, string category, string name, decimal price)
    {
        foreach (var app in Both)
        {
            var read = await ReadAsync(app, id);
            Assert.Equal((name, price), (read.Name, read.Price.Amount));
            var listed = await ListedAsync(app, category);
            Assert.Equal((name, price), (listed.Name, listed.Price.Amount));
        }
    }

    private static async Task<ProductDto> ReadAsync(CoreApiFactory app, Guid id) =>
        await (await app.CustomerClient().SendAsync(Get(id))).ReadJsonAsync<ProductDto>();

    private static async Task<ProductDto> ListedAsync(CoreApiFactory app, string category) =>
        Assert.Single((await (await app.CustomerClient().GetAsync($"/api/v1/products?category={category}")).ReadJsonAsync<Page<ProductDto>>()).Items);

    private Task SneakAsync(Guid id, string name) =>
        two.A.WithDbAsync(db => db.Products.Where(p => p.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Name, name).SetProperty(p => p.Version, p => p.Version + 1)));

    private Task<ProductDto> ReadFromDbAsync(Guid id) =>
        two.A.WithDbAsync(async db => ProductReads.ToDto(await db.Products.AsNoTracking().SingleAsync(p => p.Id == id)));
}
