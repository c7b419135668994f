using System.Net;
using System.Net.Http.Json;
using System.Text;
using BffPlatform.BffMobile.Tests.Infrastructure;

namespace BffPlatform.BffMobile.Tests;

/// <summary>Cart lines set (not added to) and checkout with an Idempotency-Key: a retried tap never orders twice.</summary>
[Collection(MobileCollection.Name)]
public sealed class CartTests(MobilePlatform platform)
{
    [Fact]
    public async Task Setting_a_line_twice_leaves_one_line_and_a_retried_checkout_places_one_order()
    {
        using var app = platform.Door.App(await platform.AccessTokenAsync(DemoUsers.Carol));
        var productId = await InStockProductAsync(app);

        var first = await (await app.PutAsJsonAsync($"/mobile/v1/cart/items/{productId}", new { quantity = 2 })).JsonAsync();
        var again = await (await app.PutAsJsonAsync($"/mobile/v1/cart/items/{productId}", new { quantity = 2 })).JsonAsync();
        Assert.Equal(2, first["itemCount"]!.GetValue<int>());
        Assert.Equal(first.ToJsonString(), again.ToJsonString());
        Assert.Equal(["available", "lineTotal", "name", "productId", "quantity", "unitPrice"], again["lines"]![0]!.AsObject().Select(p => p.Key).Order());

        var key = Guid.NewGuid().ToString("N");
        using var placed = await CheckoutAsync(app, key);
        using var retried = await CheckoutAsync(app, key);

        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        var order = await placed.JsonAsync();
        Assert.Equal(order["id"]!.GetValue<string>(), (await retried.JsonAsync())["id"]!.GetValue<string>());
        Assert.Equal("true", retried.Headers.GetValues("Idempotency-Replayed").Single());
        Assert.Equal($"/mobile/v1/orders/{order["id"]!.GetValue<string>()}", placed.Headers.Location!.OriginalString);
        var orders = await (await app.GetAsync("/mobile/v1/orders?limit=50")).JsonAsync();
        Assert.Single(orders["items"]!.AsArray(), o => o!["id"]!.GetValue<string>() == order["id"]!.GetValue<string>());
        Assert.Equal(0, (await (await app.GetAsync("/mobile/v1/cart")).JsonAsync())["itemCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_checkout_without_or_with_a_malformed_key_is_refused_before_core_api()
    {
        using var app = platform.Door.App(await platform.AccessTokenAsync(DemoUsers.Carol));

        using var missing = await app.PostAsync("/mobile/v1/cart/checkout", null);
        await missing.AssertProblemAsync(400, "idempotency_key_missing");

        using var request = new HttpRequestMessage(HttpMethod.Post, "/mobile/v1/cart/checkout");
        request.Headers.TryAddWithoutValidation("Idempotency-Key", new string('k', 129));
        var malformed = await (await app.SendAsync(request)).AssertProblemAsync(400, "validation_failed");
        Assert.NotNull(malformed["errors"]!["Idempotency-Key"]);
    }

    [Theory]
    [InlineData("{\"quantity\":\"2\"}", "$.quantity")]
    [InlineData("{\"quantity\":2,\"extra\":1}", "$.extra")]
    [InlineData("{\"quantity\":", "$.quantity")]
    public async Task Malformed_bodies_are_400_naming_the_member(string body, string member)
    {
        using var app = platform.Door.App(await platform.AccessTokenAsync(DemoUsers.Carol));

        using var response = await app.PutAsync($"/mobile/v1/cart/items/{Guid.NewGuid()}", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await response.AssertProblemAsync(400, "malformed_request");
        Assert.NotNull(problem["errors"]![member]);
    }

    [Fact]
    public async Task A_quantity_or_product_core_api_refuses_is_its_400_naming_the_field()
    {
        using var app = platform.Door.App(await platform.AccessTokenAsync(DemoUsers.Carol));

        var zero = await (await app.PutAsJsonAsync($"/mobile/v1/cart/items/{await InStockProductAsync(app)}", new { quantity = 0 })).AssertProblemAsync(400, "validation_failed");
        Assert.NotNull(zero["errors"]!["quantity"]);
        var unknown = await (await app.PutAsJsonAsync($"/mobile/v1/cart/items/{Guid.NewGuid()}", new { quantity = 1 })).AssertProblemAsync(400, "validation_failed");
        Assert.NotNull(unknown["errors"]!["productId"]);
    }

    private static async Task<HttpResponseMessage> CheckoutAsync(HttpClient app, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mobile/v1/cart/checkout");
        request.Headers.Add("Idempotency-Key", key);
        return await app.SendAsync(request);
    }

    internal static async Task<string> InStockProductAsync(HttpClient app)
    {
        var page = await (await app.GetAsync("/mobile/v1/products?limit=50")).JsonAsync();
        return page["items"]!.AsArray().First(i => i!["inStock"]!.GetValue<bool>())!["id"]!.GetValue<string>();
    }
}
