using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace BffPlatform.Security.Tests.Api6;

/// <summary>
/// API6 unrestricted access to sensitive business flows: an order placed by replaying the request
/// (a double click, a retrying proxy, an attacker's replay) is one order; where the key is required
/// a write without it is refused; a key reused for another request is refused.
/// </summary>
[Collection(SecurityCollection.Name)]
[Trait("owasp", "API6")]
public sealed class BusinessFlowTests(SecurityPlatform platform)
{
    [Theory]
    [InlineData("bff-mobile")]
    [InlineData("core-api")]
    [InlineData("public-api")]
    public async Task An_order_without_an_idempotency_key_is_refused_where_required(string door)
    {
        using var response = await PlaceAsync(door, key: null);
        if (door == "core-api")
        {
            // core-api checks the header with the request's other input: 400 validation_failed naming it.
            var problem = await response.AssertProblemAsync(400, "validation_failed");
            Assert.NotNull(problem["errors"]?["Idempotency-Key"]);
            return;
        }
        await response.AssertProblemAsync(400, "idempotency_key_missing");
    }

    [Theory]
    [InlineData("bff-web")]
    [InlineData("bff-mobile")]
    [InlineData("core-api")]
    [InlineData("public-api")]
    public async Task The_same_idempotency_key_replayed_five_times_is_one_order(string door)
    {
        var key = Guid.NewGuid().ToString("N");
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await PlaceAsync(door, key);
            ids.Add((await response.JsonAsync())["id"]!.GetValue<string>());
        }
        Assert.Single(ids.Distinct());
    }

    [Fact]
    public async Task Ten_concurrent_replays_of_one_key_place_one_order()
    {
        var key = Guid.NewGuid().ToString("N");
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => PlaceAsync("public-api", key)));
        var ids = new HashSet<string>();
        foreach (var response in responses)
        {
            using (response)
            {
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.Conflict)
                {
                    await response.AssertProblemAsync(409, "idempotency_request_in_flight");
                    continue;
                }
                Assert.True(response.IsSuccessStatusCode, $"answered {(int)response.StatusCode}: {body}");
                ids.Add(JsonNode.Parse(body)!["id"]!.GetValue<string>());
            }
        }
        Assert.Single(ids);
    }

    [Theory]
    [InlineData("core-api")]
    [InlineData("public-api")]
    public async Task A_key_reused_for_another_order_is_refused(string door)
    {
        var key = Guid.NewGuid().ToString("N");
        using (var first = await PlaceAsync(door, key)) await first.JsonAsync();
        using var second = await PlaceAsync(door, key, quantity: 2);
        await second.AssertProblemAsync(422, "idempotency_key_reused");
    }

    private async Task<HttpResponseMessage> PlaceAsync(string door, string? key, int quantity = 1)
    {
        var lines = new { lines = new[] { new { productId = platform.ProductId, quantity } } };
        switch (door)
        {
            case "bff-web":
            {
                var browser = await platform.WebSessionAsync(DemoUsers.Erin);
                using (var add = await browser.SendAsync(Http.Api(HttpMethod.Post, platform.WebUrl + "/api/cart/items", json: new { productId = platform.ProductId, quantity })))
                {
                    await add.JsonAsync();
                }
                var checkout = Http.Api(HttpMethod.Post, platform.WebUrl + "/api/cart/checkout");
                if (key is not null) checkout.Headers.Add("Idempotency-Key", key);
                return await browser.SendAsync(checkout);
            }
            case "bff-mobile":
            {
                var app = SecurityPlatform.Client(platform.MobileUrl, await platform.MobileTokenAsync(DemoUsers.Erin));
                using (var put = await app.PutAsJsonAsync($"/mobile/v1/cart/items/{platform.ProductId}", new { quantity })) await put.JsonAsync();
                var checkout = new HttpRequestMessage(HttpMethod.Post, "/mobile/v1/cart/checkout");
                if (key is not null) checkout.Headers.Add("Idempotency-Key", key);
                return await app.SendAsync(checkout);
            }
            case "core-api":
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders") { Content = JsonContent.Create(lines) };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await platform.CoreTokenAsync(DemoUsers.Erin));
                if (key is not null) request.Headers.Add("Idempotency-Key", key);
                return await SecurityPlatform.Client(platform.CoreUrl).SendAsync(request);
            }
            default:
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/orders") { Content = JsonContent.Create(lines) };
                if (key is not null) request.Headers.Add("Idempotency-Key", key);
                return await SecurityPlatform.Client(platform.PublicUrl, platform.PartnerB.TestKey).SendAsync(request);
            }
        }
    }
}
