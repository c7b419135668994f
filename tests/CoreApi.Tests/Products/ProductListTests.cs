using System.Net;
using System.Text;
using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Products;
using BffPlatform.CoreApi.Data;
using BffPlatform.CoreApi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BffPlatform.CoreApi.Tests.Products;

/// <summary>Listing, search and paging over the seeded demo catalog (50 products, 5 categories).</summary>
public sealed class ProductListTests(SeededCoreApiFactory app) : IClassFixture<SeededCoreApiFactory>
{
    private async Task<Page<ProductDto>> PageAsync(string query) =>
        await (await app.CustomerClient().GetAsync("/api/v1/products" + query)).ReadJsonAsync<Page<ProductDto>>();

    [Fact]
    public async Task The_seed_has_fifty_products_with_low_and_no_stock()
    {
        var products = await app.WithDbAsync(db => db.Products.AsNoTracking().ToListAsync());
        Assert.Equal(50, products.Count);
        Assert.Equal(5, products.Select(p => p.Category).Distinct().Count());
        Assert.Equal(0, products.Single(p => p.Sku == DemoCatalog.SoldOutSku).Stock);
        Assert.Equal(3, products.Single(p => p.Sku == DemoCatalog.LowStockSku).Stock);
        Assert.All(products, p => Assert.Equal(DemoCatalog.IdFor(p.Sku), p.Id));
    }

    [Fact]
    public async Task Seeding_again_adds_nothing()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var added = await scope.ServiceProvider.GetRequiredService<DemoCatalogSeeder>().SeedAsync(CancellationToken.None);
        Assert.Equal(0, added);
        Assert.Equal(50, await app.WithDbAsync(db => db.Products.CountAsync()));
    }

    [Fact]
    public async Task The_first_page_has_the_default_size_in_name_order()
    {
        var page = await PageAsync("");
        Assert.Equal(PagingLimits.DefaultPageSize, page.Items.Count);
        Assert.Equal(page.Items.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => p.Id), page.Items.Select(p => p.Id));
        Assert.NotNull(page.NextCursor);
    }

    [Fact]
    public async Task Following_cursors_visits_every_product_once_in_order()
    {
        var seen = new List<ProductDto>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await PageAsync($"?pageSize=7{(cursor is null ? "" : "&cursor=" + cursor)}");
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
            pages++;
        } while (cursor is not null && pages < 20);

        Assert.Equal(8, pages); // 7 × 7 + 1
        Assert.Equal(50, seen.Select(p => p.Id).Distinct().Count());
        Assert.Equal(seen.OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Sku, StringComparer.Ordinal).Select(p => p.Id), seen.Select(p => p.Id));
    }

    [Theory]
    [InlineData("?q=kit-00", 9)]        // SKU, case-insensitive (KIT-001..KIT-009)
    [InlineData("?q=HEADPHONE", 3)]     // name: Aurora Wireless Headphones, Kids ... Headphones, Headphone Stand
    [InlineData("?q=phono%20preamp", 1)] // description only
    [InlineData("?category=Books", 10)]
    [InlineData("?category=Books&q=sourdough", 1)]
    [InlineData("?q=no-such-thing", 0)]
    public async Task Search_and_category_filter(string query, int expected)
    {
        var page = await PageAsync(query + "&pageSize=100");
        Assert.Equal(expected, page.Items.Count);
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task Categories_are_sorted_and_distinct()
    {
        var categories = await (await app.CustomerClient().GetAsync("/api/v1/products/categories")).ReadJsonAsync<List<string>>();
        Assert.Equal(["Audio", "Books", "Home Office", "Kitchen", "Outdoor"], categories);
    }

    public static TheoryData<string> MalformedCursors() => new()
    {
        "!!!not-base64!!!",
        Convert.ToBase64String(Encoding.UTF8.GetBytes("not json")).TrimEnd('='),
        Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"x":1}""")).TrimEnd('='),
        Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"n":"a"}""")).TrimEnd('='),
        Convert.ToBase64String(Encoding.UTF8.GetBytes("null")).TrimEnd('='),
        new string('A', 5000),
    };

    [Theory]
    [MemberData(nameof(MalformedCursors))]
    public async Task A_malformed_cursor_is_400_invalid_cursor(string cursor)
    {
        var response = await app.CustomerClient().GetAsync("/api/v1/products?cursor=" + Uri.EscapeDataString(cursor));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_cursor");
    }

    [Theory]
    [InlineData("?pageSize=101", "pageSize")]
    [InlineData("?pageSize=0", "pageSize")]
    [InlineData("?pageSize=-5", "pageSize")]
    public async Task A_page_size_out_of_range_is_400_naming_it(string query, string field)
    {
        var response = await app.CustomerClient().GetAsync("/api/v1/products" + query);
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal([field], problem.ErrorFields());
    }

    [Fact]
    public async Task An_oversized_search_is_400_naming_q()
    {
        var response = await app.CustomerClient().GetAsync("/api/v1/products?q=" + new string('x', ProductLimits.SearchMaxLength + 1));
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["q"], problem.ErrorFields());
    }

    [Theory]
    [InlineData("?pageSize=abc", "pageSize")]
    [InlineData("?includeInactive=maybe", "includeInactive")]
    public async Task A_query_value_of_the_wrong_type_is_400_naming_it(string query, string name)
    {
        var response = await app.CustomerClient().GetAsync("/api/v1/products" + query);
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "malformed_request");
        // The build-time generated binder answers a bare 400 here; the problem still names the value.
        Assert.Contains($" {name}\"", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("The request is malformed.", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_non_guid_id_is_404()
    {
        var response = await app.CustomerClient().GetAsync("/api/v1/products/not-a-guid");
        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Seeded_products_are_read_by_their_stable_id()
    {
        var product = await (await app.CustomerClient().GetAsync($"/api/v1/products/{DemoCatalog.IdFor("AUD-001")}")).ReadJsonAsync<ProductDto>();
        Assert.Equal("Aurora Wireless Headphones", product.Name);
        Assert.Equal(new Money(149m, "EUR"), product.Price);
    }
}
