using System.Net;
using System.Net.Http.Json;
using System.Text;
using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Orders;
using BffPlatform.Contracts.Outbox;
using BffPlatform.CoreApi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static BffPlatform.CoreApi.Tests.Infrastructure.OrderRequests;
using static BffPlatform.CoreApi.Tests.Infrastructure.ProductRequests;

namespace BffPlatform.CoreApi.Tests.Outbox;

/// <summary>One factory per test: each test reads the whole outbox.</summary>
public abstract class OutboxTests<TApp> : IAsyncLifetime where TApp : CoreApiFactory, new()
{
    private readonly TApp _app = new();

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_app).DisposeAsync();

    private HttpClient Consumer() => _app.ServiceClient(Scopes.OutboxRead);

    private async Task<IReadOnlyList<OutboxEventDto>> PendingAsync(string consumer, int? limit = null) =>
        (await Consumer().GetFromJsonAsync<IReadOnlyList<OutboxEventDto>>(
            $"/api/v1/outbox/events?consumer={consumer}{(limit is null ? "" : $"&limit={limit}")}", HttpAssertions.Json))!;

    private async Task AckAsync(string consumer, params long[] ids)
    {
        var response = await Consumer().PostAsJsonAsync("/api/v1/outbox/events/ack", new AcknowledgeEventsRequest(consumer, ids));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task Every_order_change_writes_its_event_with_the_orders_version()
    {
        var mug = (await _app.StaffClient().CreateAsync(NewProduct(stock: 10))).Product;
        var shipped = await _app.CustomerClient().PlaceOrderAsync((mug.Id, 2));
        await _app.StaffClient().MoveAsync(shipped.Id, OrderStatus.Confirmed);
        await _app.StaffClient().MoveAsync(shipped.Id, OrderStatus.Shipped);
        var cancelled = await _app.CustomerClient().PlaceOrderAsync((mug.Id, 1));
        await _app.CustomerClient().PostAsync($"/api/v1/orders/{cancelled.Id}/cancel", null);

        var events = await PendingAsync("webhooks");

        Assert.Equal(events.OrderBy(e => e.Id).Select(e => e.Id), events.Select(e => e.Id));
        var ofShipped = events.Where(e => e.AggregateId == shipped.Id).ToList();
        Assert.Equal([OrderEventTypes.OrderCreated, OrderEventTypes.OrderStatusChanged, OrderEventTypes.OrderStatusChanged], ofShipped.Select(e => e.Type));
        Assert.Equal([1L, 2L, 3L], ofShipped.Select(e => e.AggregateVersion));
        var last = ofShipped[^1].Data;
        Assert.Equal("shipped", last.GetProperty("order").GetProperty("status").GetString());
        Assert.Equal("confirmed", last.GetProperty("previousStatus").GetString());
        Assert.Equal(3, last.GetProperty("order").GetProperty("version").GetInt64());

        var ofCancelled = events.Where(e => e.AggregateId == cancelled.Id).ToList();
        Assert.Equal([OrderEventTypes.OrderCreated, OrderEventTypes.OrderCancelled], ofCancelled.Select(e => e.Type));
        Assert.Equal([1L, 2L], ofCancelled.Select(e => e.AggregateVersion));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, ofCancelled[0].Data.GetProperty("previousStatus").ValueKind);
        Assert.Equal("pending", ofCancelled[1].Data.GetProperty("previousStatus").GetString());
        Assert.Equal("cancelled", ofCancelled[1].Data.GetProperty("order").GetProperty("status").GetString());
        Assert.Equal(1, ofCancelled[1].Data.GetProperty("order").GetProperty("lines")[0].GetProperty("quantity").GetInt32());
    }

    [Fact]
    public async Task Refused_and_failed_changes_write_no_event()
    {
        var mug = (await _app.StaffClient().CreateAsync(NewProduct(stock: 1))).Product;
        await _app.CustomerClient().SendAsync(PostOrder(Lines((mug.Id, 5)), NewKey()));
        await _app.CustomerClient().SendAsync(Checkout(NewKey()));
        var order = await _app.CustomerClient().PlaceOrderAsync((mug.Id, 1));
        await _app.StaffClient().MoveAsync(order.Id, OrderStatus.Delivered);

        var events = await PendingAsync("audit");
        Assert.Equal([OrderEventTypes.OrderCreated], events.Select(e => e.Type));
        Assert.Equal(1, await _app.OutboxCountAsync());
    }

    [Fact]
    public async Task Acked_events_are_not_delivered_again_to_that_consumer_but_still_to_others()
    {
        var mug = (await _app.StaffClient().CreateAsync(NewProduct(stock: 10))).Product;
        for (var i = 0; i < 3; i++)
        {
            await _app.CustomerClient().PlaceOrderAsync((mug.Id, 1));
        }
        var all = await PendingAsync("webhooks");
        Assert.Equal(3, all.Count);

        // Acknowledge the middle one only: consumers never track "the highest id seen".
        await AckAsync("webhooks", all[1].Id);
        Assert.Equal([all[0].Id, all[2].Id], (await PendingAsync("webhooks")).Select(e => e.Id));
        Assert.Equal(all.Select(e => e.Id), (await PendingAsync("search-indexer")).Select(e => e.Id));

        // Acknowledging again (and acking twice in one request) is harmless.
        await AckAsync("webhooks", all[1].Id, all[0].Id, all[0].Id);
        Assert.Equal([all[2].Id], (await PendingAsync("webhooks")).Select(e => e.Id));

        await AckAsync("webhooks", all[2].Id);
        Assert.Empty(await PendingAsync("webhooks"));
        Assert.Equal(3, (await PendingAsync("search-indexer")).Count);
    }

    [Fact]
    public async Task Concurrent_acknowledgements_of_one_consumer_all_succeed_and_record_each_event_once()
    {
        var mug = (await _app.StaffClient().CreateAsync(NewProduct(stock: 10))).Product;
        for (var i = 0; i < 3; i++)
        {
            await _app.CustomerClient().PlaceOrderAsync((mug.Id, 1));
        }
        var ids = (await PendingAsync("racing")).Select(e => e.Id).ToArray();

        // Retries of one batch racing each other (and overlapping batches): the unique (consumer,
        // event) row makes the losers fail their insert, and their next attempt finds the rows.
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            Consumer().PostAsJsonAsync("/api/v1/outbox/events/ack", new AcknowledgeEventsRequest("racing", i % 2 == 0 ? ids : ids[1..]))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.NoContent, a.StatusCode));
        Assert.Empty(await PendingAsync("racing"));
        Assert.Equal(ids.Length, await _app.WithDbAsync(db => db.OutboxDeliveries.CountAsync(d => d.Consumer == "racing")));
    }

    [Fact]
    public async Task The_limit_takes_the_oldest_first()
    {
        var mug = (await _app.StaffClient().CreateAsync(NewProduct(stock: 10))).Product;
        for (var i = 0; i < 4; i++)
        {
            await _app.CustomerClient().PlaceOrderAsync((mug.Id, 1));
        }
        var all = await PendingAsync("webhooks");
        var two = await PendingAsync("webhooks", limit: 2);
        Assert.Equal(all.Take(2).Select(e => e.Id), two.Select(e => e.Id));
    }
}

/// <summary>On the embedded default: a SQLite file.</summary>
public sealed class OutboxOnSqliteTests : OutboxTests<CoreApiFactory>;

/// <summary>On a real PostgreSQL server.</summary>
public sealed class OutboxOnPostgresTests : OutboxTests<PostgresCoreApiFactory>;
