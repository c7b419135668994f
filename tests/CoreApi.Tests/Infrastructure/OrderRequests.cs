using System.Net;
using System.Net.Http.Json;
using System.Text;
using BffPlatform.Contracts.Carts;
using BffPlatform.Contracts.Orders;
using Microsoft.EntityFrameworkCore;

namespace BffPlatform.CoreApi.Tests.Infrastructure;

/// <summary>Placing orders and reading what they changed.</summary>
public static class OrderRequests
{
    public const string KeyHeader = "Idempotency-Key";

    public static string NewKey() => Guid.NewGuid().ToString("N");

    public static CreateOrderRequest Lines(params (Guid ProductId, int Quantity)[] lines) =>
        new(lines.Select(l => new CreateOrderLine(l.ProductId, l.Quantity)).ToList());

    public static HttpRequestMessage PostOrder(object body, string? key) => WithKey(
        new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders") { Content = JsonContent.Create(body) }, key);

    public static HttpRequestMessage PostOrderJson(string json, string? key) => WithKey(
        new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders") { Content = new StringContent(json, Encoding.UTF8, "application/json") }, key);

    public static HttpRequestMessage Checkout(string? key) => WithKey(new HttpRequestMessage(HttpMethod.Post, "/api/v1/cart/checkout"), key);

    private static HttpRequestMessage WithKey(HttpRequestMessage request, string? key)
    {
        if (key is not null) request.Headers.TryAddWithoutValidation(KeyHeader, key);
        return request;
    }

    /// <summary>Places an order (fresh key) and asserts 201.</summary>
    public static async Task<OrderDto> PlaceOrderAsync(this HttpClient client, params (Guid ProductId, int Quantity)[] lines)
    {
        var response = await client.SendAsync(PostOrder(Lines(lines), NewKey()));
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Expected 201, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJsonAsync<OrderDto>();
    }

    /// <summary>POST /orders/{id}/status, with the enum as a name (core-api refuses numbers).</summary>
    public static Task<HttpResponseMessage> MoveAsync(this HttpClient client, Guid orderId, OrderStatus status) =>
        client.PostAsync($"/api/v1/orders/{orderId}/status", JsonContent.Create(new ChangeOrderStatusRequest(status), options: HttpAssertions.Json));

    public static async Task<CartDto> AddToCartAsync(this HttpClient client, Guid productId, int quantity)
    {
        var response = await client.PostAsJsonAsync("/api/v1/cart/items", new AddCartItemRequest(productId, quantity));
        return await response.ReadJsonAsync<CartDto>();
    }

    public static Task<int> StockOfAsync(this CoreApiFactory app, Guid productId) =>
        app.WithDbAsync(db => db.Products.Where(p => p.Id == productId).Select(p => p.Stock).SingleAsync());

    public static Task<int> OrderCountAsync(this CoreApiFactory app) => app.WithDbAsync(db => db.Orders.CountAsync());

    public static Task<int> OutboxCountAsync(this CoreApiFactory app) => app.WithDbAsync(db => db.OutboxEvents.CountAsync());
}
