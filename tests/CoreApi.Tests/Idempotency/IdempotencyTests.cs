using System.Net;
using BffPlatform.Contracts.Orders;
using BffPlatform.Contracts.Products;
using BffPlatform.CoreApi.Idempotency;
using BffPlatform.CoreApi.Orders;
using BffPlatform.CoreApi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static BffPlatform.CoreApi.Tests.Infrastructure.OrderRequests;
using static BffPlatform.CoreApi.Tests.Infrastructure.ProductRequests;

namespace BffPlatform.CoreApi.Tests.Idempotency;

public abstract class IdempotencyTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : CoreApiFactory
{
    private async Task<ProductDto> ProductAsync(int stock = 100) => (await app.StaffClient().CreateAsync(NewProduct(stock: stock))).Product;

    private Task<int> OrdersOfAsync(string login) =>
        app.WithDbAsync(db => db.Orders.CountAsync(o => o.CustomerId == TestTokens.SubjectOf(login)));

    [Fact]
    public async Task A_retry_with_the_same_key_and_body_replays_the_first_answer_exactly()
    {
        var mug = await ProductAsync(stock: 10);
        var key = NewKey();
        var client = app.CustomerClient("rita");

        var first = await client.SendAsync(PostOrder(Lines((mug.Id, 2)), key));
        var firstBody = await first.Content.ReadAsStringAsync();
        var second = await client.SendAsync(PostOrder(Lines((mug.Id, 2)), key));
        var secondBody = await second.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.False(first.Headers.Contains("Idempotency-Replayed"));
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal("true", Assert.Single(second.Headers.GetValues("Idempotency-Replayed")));
        Assert.Equal(firstBody, secondBody);
        Assert.Equal(first.Content.Headers.ContentType?.MediaType, second.Content.Headers.ContentType?.MediaType);
        // A 201 replayed without its Location would send a client looking for the order elsewhere.
        Assert.NotNull(first.Headers.Location);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(1, await OrdersOfAsync("rita"));
        Assert.Equal(8, await app.StockOfAsync(mug.Id));
    }

    [Fact]
    public async Task Whitespace_and_member_order_do_not_make_a_different_request()
    {
        var mug = await ProductAsync();
        var key = NewKey();
        var client = app.CustomerClient("sara");
        var compact = await client.SendAsync(PostOrderJson($$"""{"lines":[{"productId":"{{mug.Id}}","quantity":1}]}""", key));
        var spaced = await client.SendAsync(PostOrderJson($$"""{ "lines": [ { "quantity": 1, "productId": "{{mug.Id}}" } ] }""", key));
        Assert.Equal(HttpStatusCode.Created, compact.StatusCode);
        Assert.Equal(HttpStatusCode.Created, spaced.StatusCode);
        Assert.True(spaced.Headers.Contains("Idempotency-Replayed"));
        Assert.Equal(1, await OrdersOfAsync("sara"));
    }

    [Fact]
    public async Task The_same_key_with_a_different_body_is_422_and_changes_nothing()
    {
        var mug = await ProductAsync(stock: 10);
        var key = NewKey();
        var client = app.CustomerClient("tom");
        (await client.SendAsync(PostOrder(Lines((mug.Id, 1)), key))).EnsureSuccessStatusCode();

        var reused = await client.SendAsync(PostOrder(Lines((mug.Id, 3)), key));

        await reused.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");
        Assert.Equal(1, await OrdersOfAsync("tom"));
        Assert.Equal(9, await app.StockOfAsync(mug.Id));
    }

    [Fact]
    public async Task Twenty_concurrent_requests_with_one_key_make_one_order()
    {
        var mug = await ProductAsync(stock: 100);
        var key = NewKey();
        var client = app.CustomerClient("uma");

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.SendAsync(PostOrder(Lines((mug.Id, 1)), key))));

        Assert.Equal(1, await OrdersOfAsync("uma"));
        Assert.Equal(99, await app.StockOfAsync(mug.Id));
        var created = responses.Where(r => r.StatusCode == HttpStatusCode.Created).ToList();
        Assert.NotEmpty(created);
        Assert.Single(created, r => !r.Headers.Contains("Idempotency-Replayed"));
        var bodies = await Task.WhenAll(created.Select(r => r.Content.ReadAsStringAsync()));
        Assert.Single(bodies.Distinct());
        foreach (var other in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await other.AssertProblemAsync(HttpStatusCode.Conflict, "idempotency_request_in_flight");
        }
    }

    [Fact]
    public async Task Keys_belong_to_their_caller_and_operation()
    {
        var mug = await ProductAsync();
        var key = NewKey();
        (await app.CustomerClient("vic").SendAsync(PostOrder(Lines((mug.Id, 1)), key))).EnsureSuccessStatusCode();
        var other = await app.CustomerClient("wes").SendAsync(PostOrder(Lines((mug.Id, 1)), key));
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        Assert.False(other.Headers.Contains("Idempotency-Replayed"));
        var service = await app.ServiceClient("orders.write").SendAsync(PostOrder(Lines((mug.Id, 1)), key));
        Assert.Equal(HttpStatusCode.Created, service.StatusCode);
        Assert.Equal("test-service", (await service.ReadJsonAsync<OrderDto>()).CustomerId);

        // The same key at checkout is another operation, not a reuse.
        await app.CustomerClient("vic").AddToCartAsync(mug.Id, 1);
        var checkout = await app.CustomerClient("vic").SendAsync(Checkout(key));
        Assert.Equal(HttpStatusCode.Created, checkout.StatusCode);
        Assert.Equal(2, await OrdersOfAsync("vic"));
    }

    [Fact]
    public async Task A_stock_refusal_is_stored_so_a_retry_never_turns_into_a_late_order()
    {
        var staff = app.StaffClient();
        var (rare, etag) = await staff.CreateAsync(NewProduct(stock: 1));
        var key = NewKey();
        var client = app.CustomerClient("xena");
        var first = await client.SendAsync(PostOrder(Lines((rare.Id, 2)), key));
        var firstBody = await first.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Conflict, first.StatusCode);

        (await staff.SendAsync(Put(rare.Id, rare.ToUpdate() with { Stock = 10 }, etag))).EnsureSuccessStatusCode();
        var retry = await client.SendAsync(PostOrder(Lines((rare.Id, 2)), key));

        Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
        Assert.Equal("true", retry.Headers.GetValues("Idempotency-Replayed").Single());
        Assert.Equal(firstBody, await retry.Content.ReadAsStringAsync());
        Assert.Equal(0, await OrdersOfAsync("xena"));
        Assert.Equal(10, await app.StockOfAsync(rare.Id));
        // A new attempt is a new key.
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(PostOrder(Lines((rare.Id, 2)), NewKey()))).StatusCode);
    }

    [Fact]
    public async Task A_retried_checkout_replays_the_order_instead_of_buying_the_refilled_cart()
    {
        var mug = await ProductAsync(stock: 10);
        var client = app.CustomerClient("yara");
        var key = NewKey();
        await client.AddToCartAsync(mug.Id, 2);
        var first = await client.SendAsync(Checkout(key));
        var firstBody = await first.Content.ReadAsStringAsync();
        await client.AddToCartAsync(mug.Id, 3);

        var retry = await client.SendAsync(Checkout(key));

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(firstBody, await retry.Content.ReadAsStringAsync());
        Assert.Equal(1, await OrdersOfAsync("yara"));
        Assert.Equal(8, await app.StockOfAsync(mug.Id));
        Assert.Equal(3, (await client.GetFromJsonAsync<Contracts.Carts.CartDto>("/api/v1/cart", HttpAssertions.Json))!.Lines.Single().Quantity);
    }

    [Fact]
    public async Task A_claim_that_is_in_flight_answers_409_and_a_stale_one_is_taken_over()
    {
        var mug = await ProductAsync();
        var client = app.CustomerClient("zed");
        var scope = $"user:{TestTokens.SubjectOf("zed")}:{OrderEndpoints.CreateOperation}";
        // The fingerprint of this very request, taken from a completed one.
        var probe = NewKey();
        (await client.SendAsync(PostOrder(Lines((mug.Id, 1)), probe))).EnsureSuccessStatusCode();
        var hash = await app.WithDbAsync(db => db.IdempotencyRecords.Where(r => r.Key == probe).Select(r => r.RequestHash).SingleAsync());

        var now = app.Time.GetUtcNow();
        var busy = NewKey();
        var stale = NewKey();
        await app.WithDbAsync(async db =>
        {
            db.IdempotencyRecords.Add(new IdempotencyRecord { Scope = scope, Key = busy, RequestHash = hash, CreatedAt = now, ExpiresAt = now.AddHours(24) });
            db.IdempotencyRecords.Add(new IdempotencyRecord { Scope = scope, Key = stale, RequestHash = hash, CreatedAt = now.AddMinutes(-3), ExpiresAt = now.AddHours(24) });
            await db.SaveChangesAsync();
        });

        await (await client.SendAsync(PostOrder(Lines((mug.Id, 1)), busy))).AssertProblemAsync(HttpStatusCode.Conflict, "idempotency_request_in_flight");
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(PostOrder(Lines((mug.Id, 1)), stale))).StatusCode);
        Assert.Equal(2, await OrdersOfAsync("zed"));
    }
}

/// <summary>On the embedded default: a SQLite file.</summary>
public sealed class IdempotencyOnSqliteTests(CoreApiFactory app) : IdempotencyTests<CoreApiFactory>(app);

/// <summary>On a real PostgreSQL server.</summary>
public sealed class IdempotencyOnPostgresTests(PostgresCoreApiFactory app) : IdempotencyTests<PostgresCoreApiFactory>(app);
