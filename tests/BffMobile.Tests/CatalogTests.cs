using System.Net;
using BffPlatform.BffMobile.Tests.Infrastructure;

namespace BffPlatform.BffMobile.Tests;

/// <summary>The catalog for small screens, for visitors (bff-mobile's own catalog.read token) and signed-in users.</summary>
[Collection(MobileCollection.Name)]
public sealed class CatalogTests(MobilePlatform platform)
{
    [Fact]
    public async Task A_visitor_pages_through_compact_cards_ten_at_a_time()
    {
        using var visitor = platform.Door.App();

        var first = await (await visitor.GetAsync("/mobile/v1/products")).JsonAsync();
        var items = first["items"]!.AsArray();
        Assert.Equal(10, items.Count);
        Assert.Equal(["id", "inStock", "name", "price"], items[0]!.AsObject().Select(p => p.Key).Order());
        var next = first["next"]!.GetValue<string>();

        var second = await (await visitor.GetAsync($"/mobile/v1/products?cursor={Uri.EscapeDataString(next)}&limit=5")).JsonAsync();
        Assert.Equal(5, second["items"]!.AsArray().Count);
        Assert.DoesNotContain(second["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()), id => items.Any(i => i!["id"]!.GetValue<string>() == id));
    }

    [Fact]
    public async Task Search_category_and_product_page()
    {
        using var app = platform.Door.App(await platform.AccessTokenAsync(DemoUsers.Alice));

        var categories = (await (await app.GetAsync("/mobile/v1/categories")).JsonAsync()).AsArray().Select(c => c!.GetValue<string>()).ToList();
        Assert.NotEmpty(categories);
        var inCategory = await (await app.GetAsync($"/mobile/v1/products?category={Uri.EscapeDataString(categories[0])}&limit=50")).JsonAsync();
        var id = inCategory["items"]![0]!["id"]!.GetValue<string>();

        var product = await (await app.GetAsync($"/mobile/v1/products/{id}")).JsonAsync();
        Assert.Equal(categories[0], product["category"]!.GetValue<string>());
        Assert.Equal(["category", "description", "id", "name", "price", "sku", "stock"], product.AsObject().Select(p => p.Key).Order());

        var name = product["name"]!.GetValue<string>();
        var found = await (await app.GetAsync($"/mobile/v1/products?q={Uri.EscapeDataString(name)}")).JsonAsync();
        Assert.Contains(found["items"]!.AsArray(), i => i!["id"]!.GetValue<string>() == id);
    }

    [Theory]
    [InlineData("/mobile/v1/products?limit=0")]
    [InlineData("/mobile/v1/products?limit=51")]
    [InlineData("/mobile/v1/orders/changes?limit=0")]
    public async Task An_out_of_range_limit_is_400_naming_it(string path)
    {
        using var app = platform.Door.App(await platform.AccessTokenAsync(DemoUsers.Alice));

        var problem = await (await app.GetAsync(path)).AssertProblemAsync(400, "validation_failed");

        Assert.NotNull(problem["errors"]?["limit"]);
    }

    [Fact]
    public async Task A_limit_that_is_not_a_number_is_400_naming_it()
    {
        using var visitor = platform.Door.App();

        var problem = await (await visitor.GetAsync("/mobile/v1/products?limit=ten")).AssertProblemAsync(400, "malformed_request");

        Assert.Contains("limit", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_cursor_is_core_apis_400_and_an_unknown_product_404()
    {
        using var visitor = platform.Door.App();

        await (await visitor.GetAsync("/mobile/v1/products?cursor=not-a-cursor")).AssertProblemAsync(400, "invalid_cursor");
        var missing = await (await visitor.GetAsync($"/mobile/v1/products/{Guid.NewGuid()}")).AssertProblemAsync(404, "not_found");
        Assert.StartsWith("/mobile/v1/products/", missing["instance"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/mobile/v1/products/not-a-guid")).StatusCode);
    }
}
