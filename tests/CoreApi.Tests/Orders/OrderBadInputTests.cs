using System.Net;
using System.Text.Json;
using BffPlatform.Contracts.Orders;
using BffPlatform.Contracts.Products;
using BffPlatform.CoreApi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static BffPlatform.CoreApi.Tests.Infrastructure.OrderRequests;
using static BffPlatform.CoreApi.Tests.Infrastructure.ProductRequests;

namespace BffPlatform.CoreApi.Tests.Orders;

/// <summary>
/// Every refused order is Problem Details and changes nothing: no order, no outbox event, no
/// stock taken (not even for the lines before the one that failed).
/// </summary>
public sealed class OrderBadInputTests(CoreApiFactory app) : IClassFixture<CoreApiFactory>
{
    private sealed record Snapshot(int Orders, int Events, int Stock, int OtherStock);

    private async Task<(ProductDto Product, ProductDto Other)> ProductsAsync()
    {
        var staff = app.StaffClient();
        var product = (await staff.CreateAsync(NewProduct(stock: 5))).Product;
        var other = (await staff.CreateAsync(NewProduct(stock: 5))).Product;
        return (product, other);
    }

    private async Task<Snapshot> SnapshotAsync(ProductDto p, ProductDto other) =>
        new(await app.OrderCountAsync(), await app.OutboxCountAsync(), await app.StockOfAsync(p.Id), await app.StockOfAsync(other.Id));

    public static TheoryData<string, string, string, string> BadBodies() => new()
    {
        // why, body ({P} = a product with stock 5, {O} = another one), expected code, a field the problem must name ("" = any)
        { "malformed JSON", """{"lines":[{"productId":"{P}",""", "malformed_request", "" },
        { "not JSON", "lines=1", "malformed_request", "" },
        { "empty body", "", "malformed_request", "" },
        { "lines is not an array", """{"lines":{"productId":"{P}","quantity":1}}""", "malformed_request", "$.lines" },
        { "quantity as text", """{"lines":[{"productId":"{P}","quantity":"one"}]}""", "malformed_request", "$.lines[0].quantity" },
        { "quantity as a fraction", """{"lines":[{"productId":"{P}","quantity":1.5}]}""", "malformed_request", "$.lines[0].quantity" },
        { "product id not a guid", """{"lines":[{"productId":"mug","quantity":1}]}""", "malformed_request", "$.lines[0].productId" },
        { "missing lines", """{}""", "malformed_request", "$.lines" },
        { "null lines", """{"lines":null}""", "malformed_request", "$.lines" },
        { "missing quantity", """{"lines":[{"productId":"{P}"}]}""", "malformed_request", "$.lines[0].quantity" },
        { "quantity as a numeric string", """{"lines":[{"productId":"{P}","quantity":"1"}]}""", "malformed_request", "$.lines[0].quantity" },
        { "quantity given twice", """{"lines":[{"productId":"{P}","quantity":1,"quantity":5}]}""", "malformed_request", "$.lines[0].quantity" },
        { "lines given twice", """{"lines":[{"productId":"{P}","quantity":1}],"lines":[]}""", "malformed_request", "$.lines" },
        { "member names in another case", """{"Lines":[{"ProductId":"{P}","Quantity":1}]}""", "malformed_request", "$.Lines" },
        { "a unit price smuggled in", """{"lines":[{"productId":"{P}","quantity":1,"unitPrice":0.01}]}""", "malformed_request", "" },
        { "a total smuggled in", """{"lines":[{"productId":"{P}","quantity":1}],"total":0}""", "malformed_request", "" },
        { "empty order", """{"lines":[]}""", "validation_failed", "lines" },
        { "zero quantity", """{"lines":[{"productId":"{P}","quantity":0}]}""", "validation_failed", "lines[0].quantity" },
        { "negative quantity", """{"lines":[{"productId":"{P}","quantity":-2}]}""", "validation_failed", "lines[0].quantity" },
        { "quantity over the cap", """{"lines":[{"productId":"{P}","quantity":1001}]}""", "validation_failed", "lines[0].quantity" },
        { "empty product id", """{"lines":[{"productId":"00000000-0000-0000-0000-000000000000","quantity":1}]}""", "validation_failed", "lines[0].productId" },
        { "duplicate product lines", """{"lines":[{"productId":"{P}","quantity":1},{"productId":"{P}","quantity":2}]}""", "validation_failed", "lines[1].productId" },
        { "unknown product after a good line", """{"lines":[{"productId":"{O}","quantity":1},{"productId":"0f0f0f0f-0000-0000-0000-000000000002","quantity":1}]}""", "validation_failed", "lines[1].productId" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_order_is_refused_and_changes_nothing(string why, string json, string code, string field)
    {
        var (p, other) = await ProductsAsync();
        var before = await SnapshotAsync(p, other);

        var body = json.Replace("{P}", p.Id.ToString()).Replace("{O}", other.Id.ToString());
        var response = await app.CustomerClient().SendAsync(PostOrderJson(body, NewKey()));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, code);
        if (field.Length > 0)
        {
            Assert.True(problem.ErrorFields().Contains(field), $"{why}: expected '{field}' in {problem}");
        }
        Assert.Equal(before, await SnapshotAsync(p, other));
    }

    [Fact]
    public async Task More_lines_than_the_cap_are_refused()
    {
        var (p, other) = await ProductsAsync();
        var before = await SnapshotAsync(p, other);
        var lines = Enumerable.Range(0, OrderLimits.MaxLines + 1).Select(_ => new CreateOrderLine(Guid.NewGuid(), 1)).ToList();
        var response = await app.CustomerClient().SendAsync(PostOrder(new CreateOrderRequest(lines), NewKey()));
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Contains("lines", problem.ErrorFields());
        Assert.Equal(before, await SnapshotAsync(p, other));
    }

    [Fact]
    public async Task Insufficient_stock_is_409_naming_the_product_and_releases_the_other_lines()
    {
        var (p, other) = await ProductsAsync();
        var before = await SnapshotAsync(p, other);

        // The other product sorts first or last depending on its id: either way nothing sticks.
        var response = await app.CustomerClient().SendAsync(PostOrder(Lines((other.Id, 2), (p.Id, 6)), NewKey()));

        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict, "insufficient_stock");
        Assert.Equal(p.Id.ToString(), problem.GetProperty("productId").GetString());
        Assert.Contains(p.Name, problem.GetProperty("detail").GetString());
        Assert.Contains("5", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await SnapshotAsync(p, other));
    }

    [Fact]
    public async Task An_inactive_product_is_409_product_inactive()
    {
        var (p, other) = await ProductsAsync();
        var staff = app.StaffClient();
        var etag = (await staff.SendAsync(Get(p.Id))).Headers.ETag!.ToString();
        (await staff.SendAsync(Delete(p.Id, etag))).EnsureSuccessStatusCode();
        var before = await SnapshotAsync(p, other);

        var response = await app.CustomerClient().SendAsync(PostOrder(Lines((other.Id, 1), (p.Id, 1)), NewKey()));

        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict, "product_inactive");
        Assert.Equal(p.Id.ToString(), problem.GetProperty("productId").GetString());
        Assert.Equal(before, await SnapshotAsync(p, other));
    }

    [Theory]
    [InlineData(null, "required")]
    [InlineData("", "required")]
    [InlineData("has space", "space")]
    public async Task A_missing_or_bad_idempotency_key_is_400_naming_the_header(string? key, string hint)
    {
        var (p, other) = await ProductsAsync();
        var before = await SnapshotAsync(p, other);
        var response = await app.CustomerClient().SendAsync(PostOrder(Lines((p.Id, 1)), key));
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Contains("Idempotency-Key", problem.ErrorFields());
        Assert.Contains(hint, problem.GetProperty("errors").GetProperty("Idempotency-Key")[0].GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await SnapshotAsync(p, other));
    }

    [Fact]
    public async Task An_idempotency_key_over_the_maximum_length_is_400()
    {
        var (p, other) = await ProductsAsync();
        var before = await SnapshotAsync(p, other);
        var response = await app.CustomerClient().SendAsync(PostOrder(Lines((p.Id, 1)), new string('k', OrderLimits.IdempotencyKeyMaxLength + 1)));
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Contains("Idempotency-Key", problem.ErrorFields());
        Assert.Equal(before, await SnapshotAsync(p, other));

        var longest = await app.CustomerClient().SendAsync(PostOrder(Lines((p.Id, 1)), new string('k', OrderLimits.IdempotencyKeyMaxLength)));
        Assert.Equal(HttpStatusCode.Created, longest.StatusCode);
    }

    [Fact]
    public async Task A_refused_order_leaves_no_record_or_a_stored_refusal_but_never_an_order()
    {
        // Shape errors are answered before the key is claimed (no record); stock refusals are stored.
        var (p, _) = await ProductsAsync();
        var shapeKey = NewKey();
        await app.CustomerClient().SendAsync(PostOrder(Lines((p.Id, 0)), shapeKey));
        Assert.False(await app.WithDbAsync(db => db.IdempotencyRecords.AnyAsync(r => r.Key == shapeKey)));

        var stockKey = NewKey();
        await app.CustomerClient().SendAsync(PostOrder(Lines((p.Id, 50)), stockKey));
        var record = await app.WithDbAsync(db => db.IdempotencyRecords.SingleAsync(r => r.Key == stockKey));
        Assert.Equal(409, record.ResponseStatus);
        Assert.Equal("insufficient_stock", JsonDocument.Parse(record.ResponseBody!).RootElement.GetProperty("code").GetString());
    }
}
