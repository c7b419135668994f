using System.Net;
using BffPlatform.CoreApi.Tests.Infrastructure;
using static BffPlatform.CoreApi.Tests.Infrastructure.ProductRequests;

namespace BffPlatform.CoreApi.Tests.Products;

public sealed class ConditionalGetTests(CoreApiFactory app) : IClassFixture<CoreApiFactory>
{
    [Fact]
    public async Task If_none_match_with_the_current_etag_is_304_without_a_body()
    {
        var (product, etag) = await app.StaffClient().CreateAsync(NewProduct());
        var customer = app.CustomerClient();

        var notModified = await customer.SendAsync(Get(product.Id, etag));
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(etag, notModified.Headers.ETag?.ToString());
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        Assert.Equal(HttpStatusCode.NotModified, (await customer.SendAsync(Get(product.Id, $"\"999\", {etag}"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, (await customer.SendAsync(Get(product.Id, "*"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, (await customer.SendAsync(Get(product.Id, "W/" + etag))).StatusCode);
    }

    [Fact]
    public async Task If_none_match_with_an_old_etag_is_200_with_the_new_one()
    {
        var staff = app.StaffClient();
        var (product, etag) = await staff.CreateAsync(NewProduct());
        (await staff.SendAsync(Put(product.Id, product.ToUpdate() with { Stock = 1 }, etag))).EnsureSuccessStatusCode();

        var response = await app.CustomerClient().SendAsync(Get(product.Id, etag));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"2\"", response.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task A_garbage_if_none_match_is_ignored()
    {
        var (product, _) = await app.StaffClient().CreateAsync(NewProduct());
        var response = await app.CustomerClient().SendAsync(Get(product.Id, "not an etag"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
