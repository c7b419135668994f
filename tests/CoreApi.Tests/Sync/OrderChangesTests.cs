using System.Net;
using BffPlatform.Contracts.Orders;
using BffPlatform.Contracts.Products;
using BffPlatform.CoreApi.Tests.Infrastructure;
using static BffPlatform.CoreApi.Tests.Infrastructure.OrderRequests;
using static BffPlatform.CoreApi.Tests.Infrastructure.ProductRequests;

namespace BffPlatform.CoreApi.Tests.Sync;

/// <summary>GET /api/v1/orders/changes: the caller's own orders changed since a token, paged, each once in its current state.</summary>
public sealed class OrderChangesTests(CoreApiFactory app) : IClassFixture<CoreApiFactory>
{
    private async Task<ProductDto> ProductAsync() => (await app.StaffClient().CreateAsync(NewProduct(stock: 1000))).Product;

    [Fact]
    public async Task A_first_sync_without_a_token_returns_every_own_order_oldest_change_first()
    {
        var mug = await ProductAsync();
        var client = app.CustomerClient("first");
        var a = await client.PlaceOrderAsync((mug.Id, 1));
        var b = await client.PlaceOrderAsync((mug.Id, 2));

        var changes = await client.ChangesAsync();

        Assert.Equal([a.Id, b.Id], changes.Orders.Select(o => o.Id));
        Assert.False(changes.More);
        Assert.False(string.IsNullOrEmpty(changes.Since));
        Assert.Equal(2, changes.Orders[1].ItemCount);
        Assert.Equal(TestTokens.SubjectOf("first"), changes.Orders[0].CustomerId);
    }

    [Fact]
    public async Task The_next_sync_returns_only_what_changed_and_nothing_when_nothing_did()
    {
        var mug = await ProductAsync();
        var client = app.CustomerClient("delta");
        var old = await client.PlaceOrderAsync((mug.Id, 1));
        var first = await client.ChangesAsync();

        var idle = await client.ChangesAsync(first.Since);
        var fresh = await client.PlaceOrderAsync((mug.Id, 1));
        var next = await client.ChangesAsync(idle.Since);

        Assert.Empty(idle.Orders);
        Assert.False(idle.More);
        Assert.Equal([fresh.Id], next.Orders.Select(o => o.Id));
        Assert.DoesNotContain(next.Orders, o => o.Id == old.Id);
    }

    [Fact]
    public async Task A_staff_status_move_and_an_owners_cancel_appear_in_their_new_state()
    {
        var mug = await ProductAsync();
        var client = app.CustomerClient("moves");
        var shipped = await client.PlaceOrderAsync((mug.Id, 1));
        var cancelled = await client.PlaceOrderAsync((mug.Id, 1));
        var since = (await client.ChangesAsync()).Since;

        (await app.StaffClient().MoveAsync(shipped.Id, OrderStatus.Confirmed)).EnsureSuccessStatusCode();
        (await client.PostAsync($"/api/v1/orders/{cancelled.Id}/cancel", null)).EnsureSuccessStatusCode();
        (await app.StaffClient().MoveAsync(shipped.Id, OrderStatus.Shipped)).EnsureSuccessStatusCode();
        var changes = await client.ChangesAsync(since);

        // Oldest change first, each order once: the cancel came before the second move.
        Assert.Equal([cancelled.Id, shipped.Id], changes.Orders.Select(o => o.Id));
        Assert.Equal(OrderStatus.Cancelled, changes.Orders[0].Status);
        Assert.Equal(OrderStatus.Shipped, changes.Orders[1].Status);
    }

    [Fact]
    public async Task A_checkout_appears_like_any_placed_order()
    {
        var mug = await ProductAsync();
        var client = app.CustomerClient("checkout");
        var since = (await client.ChangesAsync()).Since;
        await client.AddToCartAsync(mug.Id, 3);

        var checkout = await client.SendAsync(Checkout(NewKey()));

        Assert.Equal(HttpStatusCode.Created, checkout.StatusCode);
        var order = await checkout.ReadJsonAsync<OrderDto>();
        var changes = await client.ChangesAsync(since);
        Assert.Equal(order.Id, Assert.Single(changes.Orders).Id);
    }

    [Fact]
    public async Task Another_users_changes_are_invisible_and_their_token_is_refused()
    {
        var mug = await ProductAsync();
        var alice = app.CustomerClient("own-a");
        var bob = app.CustomerClient("own-b");
        var alicesToken = (await alice.ChangesAsync()).Since;
        var bobs = await bob.PlaceOrderAsync((mug.Id, 1));
        (await app.StaffClient().MoveAsync(bobs.Id, OrderStatus.Confirmed)).EnsureSuccessStatusCode();

        var alicesChanges = await alice.ChangesAsync(alicesToken);
        var bobWithAlicesToken = await bob.GetChangesAsync(alicesToken);

        Assert.Empty(alicesChanges.Orders);
        await bobWithAlicesToken.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_sync_token");
    }

    [Fact]
    public async Task Staff_and_services_sync_their_own_orders_not_everybodys()
    {
        var mug = await ProductAsync();
        var customerOrder = await app.CustomerClient("not-staff").PlaceOrderAsync((mug.Id, 1));
        var staff = app.StaffClient("sync-staff");
        var staffOrder = await staff.PlaceOrderAsync((mug.Id, 1));
        var service = app.ServiceClient("core-api", "orders.read", "orders.write");
        var serviceOrder = await service.PlaceOrderAsync((mug.Id, 1));

        var staffChanges = await staff.ChangesAsync();
        var serviceChanges = await service.ChangesAsync();

        Assert.Equal([staffOrder.Id], staffChanges.Orders.Select(o => o.Id));
        Assert.Equal([serviceOrder.Id], serviceChanges.Orders.Select(o => o.Id));
        Assert.NotEqual(customerOrder.Id, serviceOrder.Id);
    }

    [Fact]
    public async Task Pages_of_limit_changes_with_more_until_the_end()
    {
        var mug = await ProductAsync();
        var client = app.CustomerClient("pages");
        var placed = new List<Guid>();
        for (var i = 0; i < 5; i++) placed.Add((await client.PlaceOrderAsync((mug.Id, 1))).Id);

        var one = await client.ChangesAsync(limit: 2);
        var two = await client.ChangesAsync(one.Since, 2);
        var three = await client.ChangesAsync(two.Since, 2);

        Assert.Equal([true, true, false], new[] { one.More, two.More, three.More });
        Assert.Equal(placed, one.Orders.Concat(two.Orders).Concat(three.Orders).Select(o => o.Id));
    }

    [Fact]
    public async Task Without_a_limit_a_page_holds_at_most_the_default()
    {
        var mug = await ProductAsync();
        var client = app.CustomerClient("default-limit");
        for (var i = 0; i < 21; i++) await client.PlaceOrderAsync((mug.Id, 1));

        var first = await client.ChangesAsync();

        Assert.Equal(20, first.Orders.Count);
        Assert.True(first.More);
        Assert.Single((await client.ChangesAsync(first.Since)).Orders);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(101)]
    public async Task A_limit_out_of_range_is_400_naming_it(int limit)
    {
        var response = await app.CustomerClient().GetChangesAsync(limit: limit);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["limit"], problem.ErrorFields());
    }

    [Fact]
    public async Task Changed_garbage_and_overlong_tokens_are_400()
    {
        var client = app.CustomerClient("tamper");
        var token = (await client.ChangesAsync()).Since;
        var flipped = token[..10] + (token[10] == 'A' ? 'B' : 'A') + token[11..];

        foreach (var bad in new[] { flipped, token + "x", token[..^4], "garbage", "eyJzIjo5OTk5fQ", new string('A', 5000) })
        {
            var response = await client.GetChangesAsync(bad);
            await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_sync_token");
        }
    }

    [Fact]
    public async Task Without_a_bearer_token_the_feed_is_401()
    {
        var response = await app.AnonymousClient().GetAsync("/api/v1/orders/changes");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
