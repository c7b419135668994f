using System.Net;
using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Orders;
using BffPlatform.Contracts.Products;
using BffPlatform.CoreApi.Tests.Infrastructure;
using static BffPlatform.CoreApi.Tests.Infrastructure.OrderRequests;
using static BffPlatform.CoreApi.Tests.Infrastructure.ProductRequests;

namespace BffPlatform.CoreApi.Tests.Orders;

/// <summary>
/// Cancel under an <c>Idempotency-Key</c> (public-api always sends the partner's): a retry replays the
/// first 200 instead of 409, restocks nothing more and writes no second event; the key on another
/// order is 422; another partner's same key does not replay. Without a key it runs as before.
/// </summary>
public sealed class CancelIdempotencyTests(CoreApiFactory app) : IClassFixture<CoreApiFactory>
{
    private async Task<ProductDto> ProductAsync(int stock = 10) => (await app.StaffClient().CreateAsync(NewProduct(stock: stock))).Product;

    private static HttpRequestMessage Cancel(Guid orderId, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/orders/{orderId}/cancel");
        if (key is not null) request.Headers.TryAddWithoutValidation(KeyHeader, key);
        return request;
    }

    [Fact]
    public async Task Cancelling_twice_with_one_key_answers_the_same_200_and_cancels_once()
    {
        var partner = await app.CreatePartnerAsync();
        var product = await ProductAsync(stock: 10);
        var client = app.ActingFor(partner.Id);
        var order = await (await client.SendAsync(PostOrder(Lines((product.Id, 3)), NewKey()))).ReadJsonAsync<OrderDto>();
        var events = await app.OutboxCountAsync();

        var first = await client.SendAsync(Cancel(order.Id, "cancel-1"));
        var retry = await client.SendAsync(Cancel(order.Id, "cancel-1"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal("true", Assert.Single(retry.Headers.GetValues(IdempotencyHeaders.Replayed)));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(OrderStatus.Cancelled, (await retry.ReadJsonAsync<OrderDto>()).Status);
        Assert.Equal(10, await app.StockOfAsync(product.Id));
        Assert.Equal(events + 1, await app.OutboxCountAsync());

        // A new key is a new cancel of a cancelled order: refused as before.
        var fresh = await client.SendAsync(Cancel(order.Id, "cancel-2"));
        await fresh.AssertProblemAsync(HttpStatusCode.Conflict, ErrorCodes.IllegalStatusTransition);
    }

    [Fact]
    public async Task The_key_on_another_order_is_422_and_another_partners_key_does_not_replay()
    {
        var acme = await app.CreatePartnerAsync("Acme");
        var globex = await app.CreatePartnerAsync("Globex");
        var product = await ProductAsync();
        var acmeClient = app.ActingFor(acme.Id);
        var globexClient = app.ActingFor(globex.Id);
        var first = await (await acmeClient.SendAsync(PostOrder(Lines((product.Id, 1)), NewKey()))).ReadJsonAsync<OrderDto>();
        var second = await (await acmeClient.SendAsync(PostOrder(Lines((product.Id, 1)), NewKey()))).ReadJsonAsync<OrderDto>();
        var theirs = await (await globexClient.SendAsync(PostOrder(Lines((product.Id, 1)), NewKey()))).ReadJsonAsync<OrderDto>();

        Assert.Equal(HttpStatusCode.OK, (await acmeClient.SendAsync(Cancel(first.Id, "shared"))).StatusCode);
        var reused = await acmeClient.SendAsync(Cancel(second.Id, "shared"));
        await reused.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.IdempotencyKeyReused);
        Assert.Equal(OrderStatus.Pending, (await (await acmeClient.GetAsync($"/api/v1/orders/{second.Id}")).ReadJsonAsync<OrderDto>()).Status);

        // Globex's same key on its own order runs (no replay of Acme's answer) ...
        var own = await globexClient.SendAsync(Cancel(theirs.Id, "shared"));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.False(own.Headers.Contains(IdempotencyHeaders.Replayed));
        Assert.Equal(theirs.Id, (await own.ReadJsonAsync<OrderDto>()).Id);
        // ... and on Acme's order it is not found, never Acme's stored answer.
        var other = await globexClient.SendAsync(Cancel(first.Id, "other"));
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task Without_a_key_a_cancel_runs_as_before_and_a_malformed_key_is_400()
    {
        var product = await ProductAsync();
        var customer = app.CustomerClient("cancel-no-key");
        var order = await customer.PlaceOrderAsync((product.Id, 1));
        var malformed = await customer.SendAsync(Cancel(order.Id, new string('k', 300)));
        await malformed.AssertProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
        Assert.Equal(HttpStatusCode.OK, (await customer.SendAsync(Cancel(order.Id, null))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await customer.SendAsync(Cancel(order.Id, null))).StatusCode);
    }
}
