using System.Net;
using System.Net.Http.Json;
using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Products;
using BffPlatform.CoreApi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static BffPlatform.CoreApi.Tests.Infrastructure.ProductRequests;

namespace BffPlatform.CoreApi.Tests.Products;

public sealed class ProductCrudTests(CoreApiFactory app) : IClassFixture<CoreApiFactory>
{
    [Fact]
    public async Task Staff_create_then_anyone_reads_it_with_an_etag()
    {
        var request = NewProduct(sku: "crud-001", price: 12.34m, stock: 7);
        var response = await app.StaffClient().PostAsJsonAsync("/api/v1/products", request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadJsonAsync<ProductDto>();
        Assert.Equal("CRUD-001", created.Sku);
        Assert.Equal(new Money(12.34m, "EUR"), created.Price);
        Assert.Equal(1, created.Version);
        Assert.Equal($"/api/v1/products/{created.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag?.ToString());

        var read = await app.CustomerClient().SendAsync(Get(created.Id));
        Assert.Equal("\"1\"", read.Headers.ETag?.ToString());
        Assert.Equal(created, await read.ReadJsonAsync<ProductDto>());
    }

    [Fact]
    public async Task A_service_with_catalog_write_creates_and_never_becomes_a_user()
    {
        var response = await app.ServiceClient(Scopes.CatalogWrite).PostAsJsonAsync("/api/v1/products", NewProduct());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Users.CountAsync(u => u.Id == "test-service")));
    }

    [Fact]
    public async Task Customers_and_scopeless_services_cannot_create()
    {
        var before = await app.WithDbAsync(db => db.Products.CountAsync());
        var customer = await app.CustomerClient().PostAsJsonAsync("/api/v1/products", NewProduct());
        await customer.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        var service = await app.ServiceClient(Scopes.CatalogRead).PostAsJsonAsync("/api/v1/products", NewProduct());
        await service.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        var reader = await app.ServiceClient(Scopes.OrdersAdmin).GetAsync("/api/v1/products");
        await reader.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(before, await app.WithDbAsync(db => db.Products.CountAsync()));
    }

    [Fact]
    public async Task A_taken_sku_is_409_sku_taken_case_insensitively()
    {
        var staff = app.StaffClient();
        await staff.CreateAsync(NewProduct(sku: "DUP-1"));
        var again = await staff.PostAsJsonAsync("/api/v1/products", NewProduct(sku: "dup-1"));
        await again.AssertProblemAsync(HttpStatusCode.Conflict, "sku_taken");
        Assert.Equal(1, await app.WithDbAsync(db => db.Products.CountAsync(p => p.Sku == "DUP-1")));
    }

    [Fact]
    public async Task Update_with_the_current_etag_succeeds_and_bumps_the_version()
    {
        var staff = app.StaffClient();
        var (product, etag) = await staff.CreateAsync(NewProduct());
        var response = await staff.SendAsync(Put(product.Id, product.ToUpdate() with { Name = "Renamed", Price = 99.99m }, etag));
        var updated = await response.ReadJsonAsync<ProductDto>();
        Assert.Equal("Renamed", updated.Name);
        Assert.Equal(99.99m, updated.Price.Amount);
        Assert.Equal(2, updated.Version);
        Assert.Equal("\"2\"", response.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task Update_without_if_match_is_428_and_changes_nothing()
    {
        var staff = app.StaffClient();
        var (product, _) = await staff.CreateAsync(NewProduct());
        var response = await staff.SendAsync(Put(product.Id, product.ToUpdate() with { Name = "Nope" }, ifMatch: null));
        await response.AssertProblemAsync(HttpStatusCode.PreconditionRequired, "precondition_required");
        Assert.Equal(product.Name, await app.WithDbAsync(db => db.Products.Where(p => p.Id == product.Id).Select(p => p.Name).SingleAsync()));
    }

    [Fact]
    public async Task Update_with_a_stale_etag_is_412_and_changes_nothing()
    {
        var staff = app.StaffClient();
        var (product, etag) = await staff.CreateAsync(NewProduct());
        (await staff.SendAsync(Put(product.Id, product.ToUpdate() with { Name = "First" }, etag))).EnsureSuccessStatusCode();

        var stale = await staff.SendAsync(Put(product.Id, product.ToUpdate() with { Name = "Second" }, etag));
        await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        Assert.Equal("\"2\"", stale.Headers.ETag?.ToString());
        Assert.Equal("First", await app.WithDbAsync(db => db.Products.Where(p => p.Id == product.Id).Select(p => p.Name).SingleAsync()));

        var weak = await staff.SendAsync(Put(product.Id, product.ToUpdate(), "W/\"2\""));
        await weak.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
    }

    [Fact]
    public async Task Update_of_an_unknown_product_is_404()
    {
        var response = await app.StaffClient().SendAsync(Put(Guid.NewGuid(), NewProductUpdate(), "\"1\""));
        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Deactivate_hides_the_product_from_customers_but_not_from_staff()
    {
        var staff = app.StaffClient();
        var (product, etag) = await staff.CreateAsync(NewProduct(category: "Hidden"));

        var noEtag = await staff.SendAsync(Delete(product.Id, null));
        await noEtag.AssertProblemAsync(HttpStatusCode.PreconditionRequired, "precondition_required");
        var stale = await staff.SendAsync(Delete(product.Id, "\"7\""));
        await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");

        var deleted = await staff.SendAsync(Delete(product.Id, etag));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        var customer = app.CustomerClient();
        await (await customer.SendAsync(Get(product.Id))).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        var list = await (await customer.GetAsync("/api/v1/products?category=Hidden")).ReadJsonAsync<Page<ProductDto>>();
        Assert.Empty(list.Items);
        var categories = await (await customer.GetAsync("/api/v1/products/categories")).ReadJsonAsync<List<string>>();
        Assert.DoesNotContain("Hidden", categories);

        var staffRead = await (await staff.SendAsync(Get(product.Id))).ReadJsonAsync<ProductDto>();
        Assert.False(staffRead.Active);
        Assert.Equal(2, staffRead.Version);
        var staffList = await (await staff.GetAsync("/api/v1/products?category=Hidden&includeInactive=true")).ReadJsonAsync<Page<ProductDto>>();
        Assert.Single(staffList.Items);
        // The flag means nothing for a customer.
        var customerList = await (await customer.GetAsync("/api/v1/products?category=Hidden&includeInactive=true")).ReadJsonAsync<Page<ProductDto>>();
        Assert.Empty(customerList.Items);
    }

    private static UpdateProductRequest NewProductUpdate() => new("Name", null, "Test", 1m, "EUR", 1, true);
}
