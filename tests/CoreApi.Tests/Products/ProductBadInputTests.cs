using System.Net;
using System.Net.Http.Json;
using System.Text;
using BffPlatform.Contracts.Products;
using BffPlatform.CoreApi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static BffPlatform.CoreApi.Tests.Infrastructure.ProductRequests;

namespace BffPlatform.CoreApi.Tests.Products;

/// <summary>
/// Every bad write is Problem Details and changes nothing. Runs on real Kestrel: the 413 comes
/// from the server's body limit.
/// </summary>
public sealed class ProductBadInputTests(KestrelCoreApiFactory app) : IClassFixture<KestrelCoreApiFactory>
{
    private const string Valid = """{"sku":"BAD-1","name":"Valid","description":null,"category":"Test","price":1.5,"currency":"EUR","stock":1}""";

    private async Task<HttpResponseMessage> PostRawAsync(string json) =>
        await app.StaffClient().PostAsync("/api/v1/products", new StringContent(json, Encoding.UTF8, "application/json"));

    private Task<int> CountAsync() => app.WithDbAsync(db => db.Products.CountAsync());

    [Fact]
    public async Task The_valid_baseline_is_accepted()
    {
        // Guards the cases below: each differs from this body in one way only.
        Assert.Equal("127.0.0.1", app.Address.Host);
        Assert.NotEqual(5200, app.Address.Port);
        var response = await PostRawAsync(Valid.Replace("BAD-1", "BAD-BASELINE"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    public static TheoryData<string, string, string?> MalformedBodies() => new()
    {
        { "truncated JSON", """{"sku":"BAD-1","name":""", null },
        { "not JSON", "sku=BAD-1", null },
        { "an array", "[]", null },
        { "price as text", Valid.Replace("\"price\":1.5", "\"price\":\"cheap\""), "$.price" },
        { "stock as a fraction", Valid.Replace("\"stock\":1", "\"stock\":1.5"), "$.stock" },
        { "stock beyond int", Valid.Replace("\"stock\":1", "\"stock\":99999999999"), "$.stock" },
        { "missing name", Valid.Replace("\"name\":\"Valid\",", ""), null },
        { "null sku", Valid.Replace("\"sku\":\"BAD-1\"", "\"sku\":null"), null },
        { "unknown member (a client-chosen id)", Valid.Replace("{", "{\"id\":\"00000000-0000-0000-0000-000000000001\","), null },
        { "empty body", "", null },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task A_malformed_body_is_400_malformed_request_and_changes_nothing(string why, string json, string? field)
    {
        var before = await CountAsync();
        var response = await PostRawAsync(json);
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "malformed_request");
        if (field is not null)
        {
            Assert.Contains(field, problem.ErrorFields());
        }
        Assert.Equal(before, await CountAsync());
        Assert.DoesNotContain("System.", problem.ToString(), StringComparison.Ordinal);
        _ = why;
    }

    public static TheoryData<string, CreateProductRequest, string> InvalidProducts()
    {
        var ok = NewProduct(sku: "BAD-2");
        return new()
        {
            { "empty sku", ok with { Sku = " " }, "sku" },
            { "sku too long", ok with { Sku = new string('A', ProductLimits.SkuMaxLength + 1) }, "sku" },
            { "sku with spaces", ok with { Sku = "BAD 2" }, "sku" },
            { "empty name", ok with { Name = "" }, "name" },
            { "name too long", ok with { Name = new string('n', ProductLimits.NameMaxLength + 1) }, "name" },
            { "name with a control character", ok with { Name = "Bell\u0007" }, "name" },
            { "description too long", ok with { Description = new string('d', ProductLimits.DescriptionMaxLength + 1) }, "description" },
            { "category too long", ok with { Category = new string('c', ProductLimits.CategoryMaxLength + 1) }, "category" },
            { "zero price", ok with { Price = 0m }, "price" },
            { "negative price", ok with { Price = -1m }, "price" },
            { "three decimals", ok with { Price = 1.005m }, "price" },
            { "price over the cap", ok with { Price = ProductLimits.MaxPrice + 1 }, "price" },
            { "lower-case currency", ok with { Currency = "eur" }, "currency" },
            { "four-letter currency", ok with { Currency = "EURO" }, "currency" },
            // Three upper-case letters that name no currency (issue 10 #11), a withdrawn one, a fund and a test code.
            { "made-up currency", ok with { Currency = "ABC" }, "currency" },
            { "withdrawn currency", ok with { Currency = "DEM" }, "currency" },
            { "fund code", ok with { Currency = "XDR" }, "currency" },
            { "testing code", ok with { Currency = "XTS" }, "currency" },
            { "negative stock", ok with { Stock = -1 }, "stock" },
            { "stock over the cap", ok with { Stock = ProductLimits.MaxStock + 1 }, "stock" },
        };
    }

    [Theory]
    [MemberData(nameof(InvalidProducts))]
    public async Task An_invalid_field_is_400_naming_it_and_changes_nothing(string why, CreateProductRequest request, string field)
    {
        var before = await CountAsync();
        var response = await app.StaffClient().PostAsJsonAsync("/api/v1/products", request);
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.ErrorFields().SequenceEqual([field]), $"{why}: {problem}");
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Several_invalid_fields_are_all_named()
    {
        var response = await app.StaffClient().PostAsJsonAsync("/api/v1/products", NewProduct() with { Name = "", Price = 0, Currency = "x" });
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["currency", "name", "price"], problem.ErrorFields().Order());
    }

    [Fact]
    public async Task An_oversized_body_is_413_and_changes_nothing()
    {
        var before = await CountAsync();
        var huge = Valid.Replace("\"description\":null", $"\"description\":\"{new string('x', 300 * 1024)}\"");
        var response = await PostRawAsync(huge);
        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task An_invalid_update_is_400_and_keeps_the_version()
    {
        var staff = app.StaffClient();
        var (product, etag) = await staff.CreateAsync(NewProduct());
        var response = await staff.SendAsync(Put(product.Id, product.ToUpdate() with { Stock = -3, Currency = "€" }, etag));
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["currency", "stock"], problem.ErrorFields().Order());
        var stored = await app.WithDbAsync(db => db.Products.AsNoTracking().SingleAsync(p => p.Id == product.Id));
        Assert.Equal(1, stored.Version);
        Assert.Equal(product.Stock, stored.Stock);
    }

    [Fact]
    public async Task An_update_carrying_a_sku_or_version_is_refused()
    {
        var staff = app.StaffClient();
        var (product, etag) = await staff.CreateAsync(NewProduct());
        var body = new { product.Name, product.Description, product.Category, Price = product.Price.Amount, Currency = product.Price.Currency, product.Stock, product.Active, Sku = "HIJACK" };
        var response = await staff.SendAsync(Put(product.Id, body, etag));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "malformed_request");
        Assert.Equal(product.Sku, await app.WithDbAsync(db => db.Products.Where(p => p.Id == product.Id).Select(p => p.Sku).SingleAsync()));
    }
}
