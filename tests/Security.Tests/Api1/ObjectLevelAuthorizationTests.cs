using System.Net;
using System.Net.Http.Json;

namespace BffPlatform.Security.Tests.Api1;

/// <summary>
/// API1 broken object level authorization: another user's or partner's order by id, on every door.
/// The answer is 404 (the order's existence is not leaked by a 403), lists leave it out, and a
/// cancel attempt changes nothing.
/// </summary>
[Collection(SecurityCollection.Name)]
[Trait("owasp", "API1")]
public sealed class ObjectLevelAuthorizationTests(SecurityPlatform platform)
{
    [Theory]
    [InlineData("bff-web")]
    [InlineData("bff-mobile")]
    [InlineData("core-api")]
    public async Task Another_users_order_is_404_to_read_and_to_cancel_and_stays_as_it_was(string door)
    {
        var alices = await platform.PlaceMobileOrderAsync(DemoUsers.Alice);
        var before = await platform.OrderStatusAsync(alices);

        var (read, cancel) = await AsBobAsync(door, alices);

        await read.AssertProblemAsync(404, "not_found");
        await cancel.AssertProblemAsync(404, "not_found");
        Assert.Equal(before, await platform.OrderStatusAsync(alices));
    }

    [Theory]
    [InlineData("bff-web", "/api/orders")]
    [InlineData("bff-mobile", "/mobile/v1/orders")]
    [InlineData("core-api", "/api/v1/orders")]
    public async Task Another_users_order_is_not_in_my_list(string door, string path)
    {
        var alices = await platform.PlaceMobileOrderAsync(DemoUsers.Alice);
        var body = door switch
        {
            "bff-web" => await ReadAsync(await (await platform.WebSessionAsync(DemoUsers.Bob)).ApiAsync(HttpMethod.Get, platform.WebUrl + path)),
            "bff-mobile" => await ReadAsync(await SecurityPlatform.Client(platform.MobileUrl, await platform.MobileTokenAsync(DemoUsers.Bob)).GetAsync(path)),
            _ => await ReadAsync(await SecurityPlatform.Client(platform.CoreUrl, await platform.CoreTokenAsync(DemoUsers.Bob)).GetAsync(path)),
        };
        Assert.DoesNotContain(alices.ToString(), body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_user_token_naming_a_partner_in_headers_does_not_read_the_partners_orders()
    {
        var partnersOrder = await platform.PlacePartnerOrderAsync(platform.PartnerA.TestKey);
        using var core = SecurityPlatform.Client(platform.CoreUrl, await platform.CoreTokenAsync(DemoUsers.Bob));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/orders/{partnersOrder}");
        request.Headers.Add("X-Partner-Id", platform.PartnerA.Id.ToString());
        request.Headers.Add("X-Partner-Environment", "test");

        using var response = await core.SendAsync(request);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"answered {(int)response.StatusCode}: {body}");
        Assert.DoesNotContain("\"lines\"", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("v2")]
    public async Task Another_partners_order_is_404_to_read_and_to_cancel(string version)
    {
        var partnerAs = await platform.PlacePartnerOrderAsync(platform.PartnerA.TestKey);
        using var partnerB = SecurityPlatform.Client(platform.PublicUrl, platform.PartnerB.TestKey);

        await (await partnerB.GetAsync($"/api/{version}/orders/{partnerAs}")).AssertProblemAsync(404, "not_found");
        using var cancel = new HttpRequestMessage(HttpMethod.Post, $"/api/{version}/orders/{partnerAs}/cancel");
        cancel.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        await (await partnerB.SendAsync(cancel)).AssertProblemAsync(404, "not_found");
        Assert.DoesNotContain(partnerAs.ToString(), await partnerB.GetStringAsync($"/api/{version}/orders"), StringComparison.OrdinalIgnoreCase);
        // Statuses are camelCase on the wire (core-api's JSON enum naming).
        Assert.Equal("pending", await platform.OrderStatusAsync(partnerAs));
    }

    [Fact]
    public async Task A_partners_test_order_is_404_to_its_own_live_key()
    {
        var testOrder = await platform.PlacePartnerOrderAsync(platform.PartnerA.TestKey);
        using var live = SecurityPlatform.Client(platform.PublicUrl, platform.PartnerA.LiveKey);

        await (await live.GetAsync($"/api/v2/orders/{testOrder}")).AssertProblemAsync(404, "not_found");
        Assert.DoesNotContain(testOrder.ToString(), await live.GetStringAsync("/api/v2/orders"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Another_partners_webhook_endpoint_is_404_to_read_change_test_and_delete()
    {
        using var partnerA = SecurityPlatform.Client(platform.PublicUrl, platform.PartnerA.TestKey);
        // A literal public address: accepted without DNS (nothing is delivered in this test).
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/v2/webhooks/endpoints")
        {
            Content = JsonContent.Create(new { url = "https://93.184.216.34/hooks", eventTypes = new[] { "order.created.v1" } }),
        };
        create.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        using var created = await partnerA.SendAsync(create);
        var id = (await created.JsonAsync())["endpoint"]!["id"]!.GetValue<string>();
        using var partnerB = SecurityPlatform.Client(platform.PublicUrl, platform.PartnerB.TestKey);

        await (await partnerB.GetAsync($"/api/v2/webhooks/endpoints/{id}")).AssertProblemAsync(404, "not_found");
        await (await partnerB.PatchAsJsonAsync($"/api/v2/webhooks/endpoints/{id}", new { enabled = false })).AssertProblemAsync(404, "not_found");
        // With a key: webhook-management POSTs require one, and the 404 must not hide behind a 400.
        using var test = new HttpRequestMessage(HttpMethod.Post, $"/api/v2/webhooks/endpoints/{id}/test");
        test.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        await (await partnerB.SendAsync(test)).AssertProblemAsync(404, "not_found");
        await (await partnerB.GetAsync($"/api/v2/webhooks/endpoints/{id}/deliveries")).AssertProblemAsync(404, "not_found");
        await (await partnerB.DeleteAsync($"/api/v2/webhooks/endpoints/{id}")).AssertProblemAsync(404, "not_found");

        var still = await (await partnerA.GetAsync($"/api/v2/webhooks/endpoints/{id}")).JsonAsync();
        Assert.True(still["enabled"]!.GetValue<bool>());
    }

    private async Task<(HttpResponseMessage Read, HttpResponseMessage Cancel)> AsBobAsync(string door, Guid order)
    {
        switch (door)
        {
            case "bff-web":
                var browser = await platform.WebSessionAsync(DemoUsers.Bob);
                return (await browser.ApiAsync(HttpMethod.Get, $"{platform.WebUrl}/api/orders/{order}"),
                    await browser.ApiAsync(HttpMethod.Post, $"{platform.WebUrl}/api/orders/{order}/cancel"));
            case "bff-mobile":
                var app = SecurityPlatform.Client(platform.MobileUrl, await platform.MobileTokenAsync(DemoUsers.Bob));
                var mobileCancel = new HttpRequestMessage(HttpMethod.Post, $"/mobile/v1/orders/{order}/cancel");
                mobileCancel.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
                return (await app.GetAsync($"/mobile/v1/orders/{order}"), await app.SendAsync(mobileCancel));
            default:
                var core = SecurityPlatform.Client(platform.CoreUrl, await platform.CoreTokenAsync(DemoUsers.Bob));
                return (await core.GetAsync($"/api/v1/orders/{order}"), await core.PostAsync($"/api/v1/orders/{order}/cancel", null));
        }
    }

    private static async Task<string> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"answered {(int)response.StatusCode}: {body}");
        return body;
    }
}
