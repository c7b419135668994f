using System.Net;
using System.Net.Http.Json;
using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Orders;
using BffPlatform.Contracts.Products;
using BffPlatform.CoreApi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static BffPlatform.CoreApi.Tests.Infrastructure.OrderRequests;
using static BffPlatform.CoreApi.Tests.Infrastructure.ProductRequests;

namespace BffPlatform.CoreApi.Tests.Orders;

public abstract class OrderTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : CoreApiFactory
{
    private async Task<ProductDto> ProductAsync(decimal price = 10.50m, int stock = 5) =>
        (await app.StaffClient().CreateAsync(NewProduct(price: price, stock: stock))).Product;

    [Fact]
    public async Task An_order_is_priced_by_the_server_reserves_stock_and_changes_the_products_etag()
    {
        var mug = await ProductAsync(price: 12.25m, stock: 5);
        var tea = await ProductAsync(price: 3.10m, stock: 9);
        // Read (and so cache) the product first: the order must invalidate the cached copy.
        Assert.Equal(5, (await (await app.StaffClient().SendAsync(Get(mug.Id))).ReadJsonAsync<ProductDto>()).Stock);

        var response = await app.CustomerClient("olivia").SendAsync(PostOrder(Lines((mug.Id, 2), (tea.Id, 3)), NewKey()));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var order = await response.ReadJsonAsync<OrderDto>();
        Assert.Equal($"/api/v1/orders/{order.Id}", response.Headers.Location?.ToString());
        Assert.Equal(TestTokens.SubjectOf("olivia"), order.CustomerId);
        Assert.Equal(OrderStatus.Pending, order.Status);
        Assert.Equal(1, order.Version);
        Assert.Equal(new Money(2 * 12.25m + 3 * 3.10m, "EUR"), order.Total);
        var mugLine = Assert.Single(order.Lines, l => l.ProductId == mug.Id);
        Assert.Equal(new Money(12.25m, "EUR"), mugLine.UnitPrice);
        Assert.Equal(new Money(24.50m, "EUR"), mugLine.LineTotal);
        Assert.Equal(mug.Sku, mugLine.Sku);

        Assert.Equal(3, await app.StockOfAsync(mug.Id));
        Assert.Equal(6, await app.StockOfAsync(tea.Id));
        // The reservation bumped the version, so the product's ETag (and the cached read) moved on.
        var reread = await app.StaffClient().SendAsync(Get(mug.Id));
        var product = await reread.ReadJsonAsync<ProductDto>();
        Assert.Equal(3, product.Stock);
        Assert.Equal(mug.Version + 1, product.Version);
        Assert.Equal($"\"{mug.Version + 1}\"", reread.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task A_price_in_the_request_is_refused_by_strict_json()
    {
        var mug = await ProductAsync();
        var before = await app.OrderCountAsync();
        var json = $$"""{"lines":[{"productId":"{{mug.Id}}","quantity":1,"unitPrice":0.01}]}""";

        var response = await app.CustomerClient().SendAsync(PostOrderJson(json, NewKey()));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "malformed_request");
        Assert.Contains(problem.ErrorFields(), f => f.StartsWith("$.lines[0]", StringComparison.Ordinal));
        Assert.Equal(before, await app.OrderCountAsync());
        Assert.Equal(mug.Stock, await app.StockOfAsync(mug.Id));
    }

    [Fact]
    public async Task A_customer_sees_their_own_order_and_another_customers_order_is_404_not_403()
    {
        var mug = await ProductAsync();
        var order = await app.CustomerClient("carol").PlaceOrderAsync((mug.Id, 1));

        var own = await app.CustomerClient("carol").GetAsync($"/api/v1/orders/{order.Id}");
        Assert.Equal(order.Id, (await own.ReadJsonAsync<OrderDto>()).Id);

        var other = await app.CustomerClient("mallory").GetAsync($"/api/v1/orders/{order.Id}");
        await other.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        var cancel = await app.CustomerClient("mallory").PostAsync($"/api/v1/orders/{order.Id}/cancel", null);
        await cancel.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        var unknown = await app.CustomerClient("carol").GetAsync($"/api/v1/orders/{Guid.NewGuid()}");
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");

        Assert.Equal(OrderStatus.Pending, await app.WithDbAsync(db => db.Orders.Where(o => o.Id == order.Id).Select(o => o.Status).SingleAsync()));
        var staff = await app.StaffClient().GetAsync($"/api/v1/orders/{order.Id}");
        Assert.Equal(order.Id, (await staff.ReadJsonAsync<OrderDto>()).Id);
        var service = await app.ServiceClient(Scopes.OrdersRead).GetAsync($"/api/v1/orders/{order.Id}");
        Assert.Equal(order.Id, (await service.ReadJsonAsync<OrderDto>()).Id);
    }

    [Fact]
    public async Task The_staff_list_names_each_customer_and_a_services_order_has_no_name()
    {
        var mug = await ProductAsync(stock: 10);
        var customer = TestTokens.User("olga") with { Name = "Olga Berg", Email = "olga.berg@shop.test" };
        var mine = await app.ClientFor(customer).PlaceOrderAsync((mug.Id, 1));
        var service = await app.ServiceClient(Scopes.OrdersWrite).PlaceOrderAsync((mug.Id, 1));

        var page = await app.StaffClient().GetFromJsonAsync<Page<OrderSummaryDto>>("/api/v1/orders?pageSize=100", HttpAssertions.Json);
        var row = Assert.Single(page!.Items, o => o.Id == mine.Id);
        Assert.Equal(("Olga Berg", "olga.berg@shop.test"), (row.CustomerName, row.CustomerEmail));
        var byService = Assert.Single(page.Items, o => o.Id == service.Id);
        Assert.Equal(((string?)null, (string?)null), (byService.CustomerName, byService.CustomerEmail));
    }

    [Fact]
    public async Task Lists_customers_see_only_their_own_staff_filter_by_customer_and_status_and_page_with_cursors()
    {
        var mug = await ProductAsync(stock: 100);
        var dave = new List<OrderDto>();
        for (var i = 0; i < 5; i++)
        {
            app.Time.Advance(TimeSpan.FromSeconds(1));
            dave.Add(await app.CustomerClient("dave").PlaceOrderAsync((mug.Id, 1)));
        }
        await app.CustomerClient("erin").PlaceOrderAsync((mug.Id, 1));
        await app.StaffClient().MoveAsync(dave[0].Id, OrderStatus.Confirmed);

        // A customer's customerId filter cannot widen the list.
        var own = await app.CustomerClient("dave").GetFromJsonAsync<Page<OrderSummaryDto>>($"/api/v1/orders?customerId={TestTokens.SubjectOf("erin")}", HttpAssertions.Json);
        Assert.Equal(dave.Select(o => o.Id).Reverse(), own!.Items.Select(o => o.Id));
        Assert.All(own.Items, o => Assert.Equal(1, o.ItemCount));

        // Paging newest first, two at a time, over every page.
        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await app.CustomerClient("dave").GetFromJsonAsync<Page<OrderSummaryDto>>(
                $"/api/v1/orders?pageSize=2{(cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))}", HttpAssertions.Json);
            Assert.True(page!.Items.Count <= 2);
            seen.AddRange(page.Items.Select(o => o.Id));
            cursor = page.NextCursor;
        } while (cursor is not null);
        Assert.Equal(dave.Select(o => o.Id).Reverse(), seen);

        var byCustomer = await app.StaffClient().GetFromJsonAsync<Page<OrderSummaryDto>>($"/api/v1/orders?customerId={TestTokens.SubjectOf("erin")}", HttpAssertions.Json);
        Assert.All(byCustomer!.Items, o => Assert.Equal(TestTokens.SubjectOf("erin"), o.CustomerId));
        Assert.Single(byCustomer.Items);

        foreach (var status in new[] { "confirmed", "Confirmed" })
        {
            var confirmed = await app.ServiceClient(Scopes.OrdersRead).GetFromJsonAsync<Page<OrderSummaryDto>>($"/api/v1/orders?status={status}", HttpAssertions.Json);
            Assert.Equal(dave[0].Id, Assert.Single(confirmed!.Items).Id);
        }
    }

    [Fact]
    public async Task Orders_placed_in_the_same_instant_page_in_id_order_the_same_on_every_provider()
    {
        // The clock stands still: every order has the same CreatedAt, so the id alone orders them.
        // SQLite compares ids as upper-case text, PostgreSQL as uuid bytes: both must give the
        // canonical text order, the order a client (and Guid.CompareTo) expects.
        var mug = await ProductAsync(stock: 20);
        var placed = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            placed.Add((await app.CustomerClient("tessa").PlaceOrderAsync((mug.Id, 1))).Id);
        }
        var expected = placed.OrderByDescending(id => id.ToString(), StringComparer.Ordinal).ToList();
        Assert.Equal(expected, placed.OrderByDescending(id => id).ToList());

        var pages = new List<IReadOnlyList<Guid>>();
        string? cursor = null;
        do
        {
            var page = await app.CustomerClient("tessa").GetFromJsonAsync<Page<OrderSummaryDto>>(
                $"/api/v1/orders?pageSize=3{(cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))}", HttpAssertions.Json);
            pages.Add(page!.Items.Select(o => o.Id).ToList());
            cursor = page.NextCursor;
        } while (cursor is not null);

        Assert.Equal([3, 3, 1], pages.Select(p => p.Count));
        Assert.Equal(expected, pages.SelectMany(p => p));
    }

    [Theory]
    [InlineData("status=lost", "status")]
    [InlineData("status=1", "status")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=101", "pageSize")]
    public async Task Bad_list_queries_are_400_naming_the_field(string query, string field)
    {
        var response = await app.StaffClient().GetAsync($"/api/v1/orders?{query}");
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Contains(field, problem.ErrorFields());
    }

    [Theory]
    [InlineData("not-a-cursor")]
    [InlineData("eyJ4IjoxfQ")]
    public async Task A_malformed_cursor_is_400_invalid_cursor(string cursor)
    {
        var response = await app.CustomerClient().GetAsync($"/api/v1/orders?cursor={cursor}");
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_cursor");
    }

    [Fact]
    public async Task Staff_move_an_order_through_its_life_and_each_step_bumps_the_version()
    {
        var mug = await ProductAsync();
        var order = await app.CustomerClient().PlaceOrderAsync((mug.Id, 1));
        var staff = app.StaffClient();
        var version = order.Version;
        foreach (var status in new[] { OrderStatus.Confirmed, OrderStatus.Shipped, OrderStatus.Delivered })
        {
            var moved = await (await staff.MoveAsync(order.Id, status)).ReadJsonAsync<OrderDto>();
            Assert.Equal(status, moved.Status);
            Assert.Equal(++version, moved.Version);
        }
        var again = await staff.MoveAsync(order.Id, OrderStatus.Shipped);
        await again.AssertProblemAsync(HttpStatusCode.Conflict, "illegal_status_transition");
        Assert.Equal(version, await app.WithDbAsync(db => db.Orders.Where(o => o.Id == order.Id).Select(o => o.Version).SingleAsync()));
    }

    [Fact]
    public async Task Skipping_a_step_is_409_and_a_service_needs_orders_admin_to_move_orders()
    {
        var mug = await ProductAsync();
        var order = await app.CustomerClient().PlaceOrderAsync((mug.Id, 1));

        var skip = await app.ServiceClient(Scopes.OrdersAdmin).MoveAsync(order.Id, OrderStatus.Shipped);
        var problem = await skip.AssertProblemAsync(HttpStatusCode.Conflict, "illegal_status_transition");
        Assert.Contains("Confirmed", problem.GetProperty("detail").GetString());

        var customer = await app.CustomerClient().MoveAsync(order.Id, OrderStatus.Confirmed);
        await customer.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        var reader = await app.ServiceClient(Scopes.OrdersRead, Scopes.OrdersWrite).MoveAsync(order.Id, OrderStatus.Confirmed);
        await reader.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        var admin = await app.ServiceClient(Scopes.OrdersAdmin).MoveAsync(order.Id, OrderStatus.Confirmed);
        Assert.Equal(OrderStatus.Confirmed, (await admin.ReadJsonAsync<OrderDto>()).Status);
    }

    [Theory]
    [InlineData("""{"status":"lost"}""")]
    [InlineData("""{"status":1}""")]
    [InlineData("""{}""")]
    public async Task An_unknown_status_value_is_400_and_changes_nothing(string json)
    {
        var mug = await ProductAsync();
        var order = await app.CustomerClient().PlaceOrderAsync((mug.Id, 1));
        var response = await app.StaffClient().PostAsync($"/api/v1/orders/{order.Id}/status",
            new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "malformed_request");
        Assert.Equal(1, await app.WithDbAsync(db => db.Orders.Where(o => o.Id == order.Id).Select(o => o.Version).SingleAsync()));
    }

    [Fact]
    public async Task The_owner_cancels_while_pending_or_confirmed_and_stock_comes_back_once()
    {
        var mug = await ProductAsync(stock: 10);
        var pending = await app.CustomerClient("fay").PlaceOrderAsync((mug.Id, 3));
        var confirmed = await app.CustomerClient("fay").PlaceOrderAsync((mug.Id, 2));
        await app.StaffClient().MoveAsync(confirmed.Id, OrderStatus.Confirmed);
        Assert.Equal(5, await app.StockOfAsync(mug.Id));

        Assert.Equal(5, (await (await app.CustomerClient("fay").SendAsync(Get(mug.Id))).ReadJsonAsync<ProductDto>()).Stock);

        var first = await (await app.CustomerClient("fay").PostAsync($"/api/v1/orders/{pending.Id}/cancel", null)).ReadJsonAsync<OrderDto>();
        Assert.Equal(OrderStatus.Cancelled, first.Status);
        Assert.Equal(2, first.Version);
        Assert.Equal(8, await app.StockOfAsync(mug.Id));
        // The restock reached the cached catalog read too.
        Assert.Equal(8, (await (await app.CustomerClient("fay").SendAsync(Get(mug.Id))).ReadJsonAsync<ProductDto>()).Stock);

        var twice = await app.CustomerClient("fay").PostAsync($"/api/v1/orders/{pending.Id}/cancel", null);
        await twice.AssertProblemAsync(HttpStatusCode.Conflict, "illegal_status_transition");
        Assert.Equal(8, await app.StockOfAsync(mug.Id));

        var second = await (await app.CustomerClient("fay").PostAsync($"/api/v1/orders/{confirmed.Id}/cancel", null)).ReadJsonAsync<OrderDto>();
        Assert.Equal(OrderStatus.Cancelled, second.Status);
        Assert.Equal(10, await app.StockOfAsync(mug.Id));
    }

    [Fact]
    public async Task A_shipped_order_cannot_be_cancelled_by_anyone_and_staff_may_cancel_a_customers_order()
    {
        var mug = await ProductAsync(stock: 10);
        var shipped = await app.CustomerClient("gus").PlaceOrderAsync((mug.Id, 1));
        foreach (var s in new[] { OrderStatus.Confirmed, OrderStatus.Shipped })
            await app.StaffClient().MoveAsync(shipped.Id, s);
        var byOwner = await app.CustomerClient("gus").PostAsync($"/api/v1/orders/{shipped.Id}/cancel", null);
        await byOwner.AssertProblemAsync(HttpStatusCode.Conflict, "illegal_status_transition");
        var byStaff = await app.StaffClient().PostAsync($"/api/v1/orders/{shipped.Id}/cancel", null);
        await byStaff.AssertProblemAsync(HttpStatusCode.Conflict, "illegal_status_transition");
        Assert.Equal(9, await app.StockOfAsync(mug.Id));

        var pending = await app.CustomerClient("gus").PlaceOrderAsync((mug.Id, 4));
        var cancelled = await (await app.StaffClient().PostAsync($"/api/v1/orders/{pending.Id}/cancel", null)).ReadJsonAsync<OrderDto>();
        Assert.Equal(OrderStatus.Cancelled, cancelled.Status);
        Assert.Equal(9, await app.StockOfAsync(mug.Id));
    }

    [Fact]
    public async Task Staff_cancelling_through_the_status_endpoint_restocks_and_writes_order_cancelled()
    {
        var mug = await ProductAsync(stock: 10);
        var order = await app.CustomerClient("ivo").PlaceOrderAsync((mug.Id, 3));
        await app.StaffClient().MoveAsync(order.Id, OrderStatus.Confirmed);

        var cancelled = await (await app.StaffClient().MoveAsync(order.Id, OrderStatus.Cancelled)).ReadJsonAsync<OrderDto>();

        Assert.Equal(OrderStatus.Cancelled, cancelled.Status);
        Assert.Equal(3, cancelled.Version);
        Assert.Equal(10, await app.StockOfAsync(mug.Id));
        var types = await app.WithDbAsync(db => db.OutboxEvents.Where(e => e.AggregateId == order.Id).OrderBy(e => e.Id).Select(e => e.Type).ToListAsync());
        Assert.Equal([OrderEventTypes.OrderCreated, OrderEventTypes.OrderStatusChanged, OrderEventTypes.OrderCancelled], types);
    }

    [Fact]
    public async Task Concurrent_cancels_restock_exactly_once()
    {
        var mug = await ProductAsync(stock: 10);
        var order = await app.CustomerClient("hal").PlaceOrderAsync((mug.Id, 4));
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => app.CustomerClient("hal").PostAsync($"/api/v1/orders/{order.Id}/cancel", null)));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal(10, await app.StockOfAsync(mug.Id));
        Assert.Equal(1, await app.WithDbAsync(db => db.OutboxEvents.CountAsync(e => e.AggregateId == order.Id && e.Type == OrderEventTypes.OrderCancelled)));
    }

    [Fact]
    public async Task Orders_need_a_token_with_the_right_rights()
    {
        var anonymous = await app.AnonymousClient().GetAsync("/api/v1/orders");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var noScope = await app.ServiceClient(Scopes.CatalogRead).GetAsync("/api/v1/orders");
        await noScope.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        var noWrite = await app.ServiceClient(Scopes.OrdersRead).SendAsync(PostOrder(Lines((Guid.NewGuid(), 1)), NewKey()));
        await noWrite.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }
}

/// <summary>On the embedded default: a SQLite file.</summary>
public sealed class OrderOnSqliteTests(CoreApiFactory app) : OrderTests<CoreApiFactory>(app);

/// <summary>On a real PostgreSQL server.</summary>
public sealed class OrderOnPostgresTests(PostgresCoreApiFactory app) : OrderTests<PostgresCoreApiFactory>(app);
