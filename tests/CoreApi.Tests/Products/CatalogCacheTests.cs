using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Products;
using BffPlatform.CoreApi.Products;
using BffPlatform.CoreApi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static BffPlatform.CoreApi.Tests.Infrastructure.ProductRequests;

namespace BffPlatform.CoreApi.Tests.Products;

public sealed class CatalogCacheTests(CoreApiFactory app) : IClassFixture<CoreApiFactory>
{
    private Task SneakAsync(Guid id, string name, int stock) =>
        app.WithDbAsync(db => db.Products.Where(p => p.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Name, name).SetProperty(p => p.Stock, stock).SetProperty(p => p.Version, p => p.Version + 1)));

    private async Task<ProductDto> ReadAsync(Guid id) =>
        await (await app.CustomerClient().SendAsync(Get(id))).ReadJsonAsync<ProductDto>();

    private async Task<ProductDto> ListedAsync(string category) =>
        Assert.Single((await (await app.CustomerClient().GetAsync($"/api/v1/products?category={category}")).ReadJsonAsync<Page<ProductDto>>()).Items);

    [Fact]
    public async Task Reads_are_cached_and_an_update_through_the_api_is_seen_at_once()
    {
        var staff = app.StaffClient();
        var (product, etag) = await staff.CreateAsync(NewProduct(category: "CacheA", name: "Original"));
        Assert.Equal("Original", (await ReadAsync(product.Id)).Name);
        Assert.Equal("Original", (await ListedAsync("CacheA")).Name);

        // A change behind the API's back is not seen: the reads come from the cache.
        await SneakAsync(product.Id, "Behind the back", 1);
        Assert.Equal("Original", (await ReadAsync(product.Id)).Name);
        Assert.Equal("Original", (await ListedAsync("CacheA")).Name);

        // An update through the API invalidates the product and every list.
        var fresh = await ReadFromDbAsync(product.Id);
        var put = await staff.SendAsync(Put(product.Id, fresh.ToUpdate() with { Name = "Updated", Stock = 42 }, ETags.For(fresh.Version)));
        put.EnsureSuccessStatusCode();
        var read = await ReadAsync(product.Id);
        Assert.Equal(("Updated", 42), (read.Name, read.Stock));
        var listed = await ListedAsync("CacheA");
        Assert.Equal(("Updated", 42), (listed.Name, listed.Stock));
    }

    [Fact]
    public async Task InvalidateAsync_is_what_order_code_calls_after_changing_stock()
    {
        var (product, _) = await app.StaffClient().CreateAsync(NewProduct(category: "CacheB", stock: 10));
        Assert.Equal(10, (await ReadAsync(product.Id)).Stock);
        Assert.Equal(10, (await ListedAsync("CacheB")).Stock);

        await SneakAsync(product.Id, product.Name, 7);
        Assert.Equal(10, (await ReadAsync(product.Id)).Stock);

        await app.Services.GetRequiredService<CatalogCache>().InvalidateAsync([product.Id]);
        Assert.Equal(7, (await ReadAsync(product.Id)).Stock);
        Assert.Equal(7, (await ListedAsync("CacheB")).Stock);
    }

    [Fact]
    public async Task A_new_product_appears_in_cached_lists_and_categories()
    {
        var staff = app.StaffClient();
        await staff.CreateAsync(NewProduct(category: "CacheC"));
        var categories = await (await app.CustomerClient().GetAsync("/api/v1/products/categories")).ReadJsonAsync<List<string>>();
        Assert.Contains("CacheC", categories);
        Assert.DoesNotContain("CacheD", categories);

        await staff.CreateAsync(NewProduct(category: "CacheD"));
        categories = await (await app.CustomerClient().GetAsync("/api/v1/products/categories")).ReadJsonAsync<List<string>>();
        Assert.Contains("CacheD", categories);
    }

    [Fact]
    public async Task A_missing_product_cached_as_missing_appears_once_created()
    {
        // Not-found answers are cached too; the id's own invalidation must clear them.
        var staff = app.StaffClient();
        var (product, etag) = await staff.CreateAsync(NewProduct(category: "CacheE"));
        await (await staff.SendAsync(Delete(product.Id, etag))).Content.ReadAsStringAsync();
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await app.CustomerClient().SendAsync(Get(product.Id))).StatusCode);

        var current = await ReadFromDbAsync(product.Id);
        (await staff.SendAsync(Put(product.Id, current.ToUpdate() with { Active = true }, ETags.For(current.Version)))).EnsureSuccessStatusCode();
        Assert.True((await ReadAsync(product.Id)).Active);
    }

    private Task<ProductDto> ReadFromDbAsync(Guid id) =>
        app.WithDbAsync(async db => ProductReads.ToDto(await db.Products.AsNoTracking().SingleAsync(p => p.Id == id)));

    [Fact]
    public async Task A_shared_load_outlives_the_request_that_started_it()
    {
        // HybridCache runs one load for concurrent callers of a key. The first caller's request
        // ends (its scope, and a database context borrowed from it, disposed) while the load runs:
        // the second caller must still get the page (it got ObjectDisposedException -> 500 before).
        var cache = app.Services.GetRequiredService<CatalogCache>();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var key = $"shared-load-{Guid.NewGuid():N}";
        async Task<Page<ProductDto>> SlowLoad(BffPlatform.CoreApi.Data.CoreDbContext db, CancellationToken ct)
        {
            started.TrySetResult();
            await release.Task;
            var count = await db.Products.CountAsync(ct);
            return new Page<ProductDto>([], count > 0 ? "more" : null);
        }

        using var firstRequest = new CancellationTokenSource();
        var first = cache.GetPageJsonAsync(key, SlowLoad, firstRequest.Token).AsTask();
        await started.Task;
        var second = cache.GetPageJsonAsync(key, SlowLoad, CancellationToken.None).AsTask();
        await firstRequest.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        release.SetResult();

        var json = await second;
        Assert.Contains("\"items\":[]", System.Text.Encoding.UTF8.GetString(json.Span));
    }
}
