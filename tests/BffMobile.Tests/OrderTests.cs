using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BffPlatform.BffMobile.Tests.Infrastructure;

namespace BffPlatform.BffMobile.Tests;

/// <summary>My orders: detail, cancel (a retried cancel is harmless), and the delta sync on core-api's change feed.</summary>
[Collection(MobileCollection.Name)]
public sealed class OrderTests(MobilePlatform platform)
{
    [Fact]
    public async Task An_order_is_cancelled_once_and_a_retried_cancel_answers_it_cancelled()
    {
        using var app = platform.Door.App(await platform.AccessTokenAsync(DemoUsers.Dave));
        var id = await PlaceOrderAsync(app);

        var detail = await (await app.GetAsync($"/mobile/v1/orders/{id}")).JsonAsync();
        Assert.True(detail["canCancel"]!.GetValue<bool>());
        Assert.Equal(["canCancel", "createdAt", "id", "lines", "status", "total", "updatedAt"], detail.AsObject().Select(p => p.Key).Order());

        await (await app.PostAsync($"/mobile/v1/orders/{id}/cancel", null)).AssertProblemAsync(400, "idempotency_key_missing");
        var cancelled = await (await CancelAsync(app, id, "cancel-1")).JsonAsync();
        var retried = await (await CancelAsync(app, id, "cancel-1")).JsonAsync();

        Assert.Equal("cancelled", cancelled["status"]!.GetValue<string>());
        Assert.Equal("cancelled", retried["status"]!.GetValue<string>());
        Assert.False(retried["canCancel"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Another_users_order_is_not_found()
    {
        using var dave = platform.Door.App(await platform.AccessTokenAsync(DemoUsers.Dave));
        var id = await PlaceOrderAsync(dave);
        using var alice = platform.Door.App(await platform.AccessTokenAsync(DemoUsers.Alice));

        await (await alice.GetAsync($"/mobile/v1/orders/{id}")).AssertProblemAsync(404, "not_found");
        await (await CancelAsync(alice, id, "x-1")).AssertProblemAsync(404, "not_found");
    }

    [Fact]
    public async Task Delta_sync_returns_the_order_whose_status_changed_and_a_new_token()
    {
        using var app = platform.Door.App(await platform.AccessTokenAsync(DemoUsers.Fay));
        var id = await PlaceOrderAsync(app);
        var full = await SyncAllAsync(app, null);
        Assert.Contains(full.Orders, o => o["id"]!.GetValue<string>() == id);

        using (var staff = platform.Core(await platform.InternalToolsTokenAsync()))
        {
            using var moved = await staff.PostAsJsonAsync($"/api/v1/orders/{id}/status", new { status = "confirmed" });
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        }

        var delta = await SyncAllAsync(app, full.Since);
        var changed = Assert.Single(delta.Orders);
        Assert.Equal(id, changed["id"]!.GetValue<string>());
        Assert.Equal("confirmed", changed["status"]!.GetValue<string>());
        Assert.NotEqual(full.Since, delta.Since);

        var nothing = await SyncAllAsync(app, delta.Since);
        Assert.Empty(nothing.Orders);
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task A_malformed_sync_token_is_400_invalid_sync_token(string since)
    {
        using var app = platform.Door.App(await platform.AccessTokenAsync(DemoUsers.Fay));

        await (await app.GetAsync($"/mobile/v1/orders/changes?since={since}")).AssertProblemAsync(400, "invalid_sync_token");
        await (await app.GetAsync($"/mobile/v1/orders/changes?since={new string('a', 600)}")).AssertProblemAsync(400, "invalid_sync_token");
    }

    private static async Task<(List<JsonNode> Orders, string Since)> SyncAllAsync(HttpClient app, string? since)
    {
        var orders = new List<JsonNode>();
        while (true)
        {
            var path = since is null ? "/mobile/v1/orders/changes" : $"/mobile/v1/orders/changes?since={Uri.EscapeDataString(since)}";
            var page = await (await app.GetAsync(path)).JsonAsync();
            orders.AddRange(page["orders"]!.AsArray().Select(o => o!));
            since = page["since"]!.GetValue<string>();
            if (!page["more"]!.GetValue<bool>()) return (orders, since);
        }
    }

    internal static async Task<string> PlaceOrderAsync(HttpClient app)
    {
        var productId = await CartTests.InStockProductAsync(app);
        (await app.PutAsJsonAsync($"/mobile/v1/cart/items/{productId}", new { quantity = 1 })).EnsureSuccessStatusCode();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mobile/v1/cart/checkout");
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        return (await (await app.SendAsync(request)).JsonAsync())["id"]!.GetValue<string>();
    }

    private static Task<HttpResponseMessage> CancelAsync(HttpClient app, string id, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/mobile/v1/orders/{id}/cancel");
        request.Headers.Add("Idempotency-Key", key);
        return app.SendAsync(request);
    }
}
