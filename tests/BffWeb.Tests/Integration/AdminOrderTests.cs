using System.Net;
using System.Net.Http.Json;
using BffPlatform.BffWeb.Tests.Infrastructure;
using BffPlatform.BffWeb.Tests.Integration.Infrastructure;

namespace BffPlatform.BffWeb.Tests.Integration;

/// <summary>
/// The staff order screens against the real identity and core-api: the list names who ordered
/// (issue 9), and a status move works with the scopes bff-web asks for now that core-api
/// enforces scopes on user tokens too (issue 10 #3: orders.admin).
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class AdminOrderTests(IntegrationPlatform platform)
{
    [Fact]
    public async Task Staff_see_the_customers_name_and_e_mail_and_move_the_order_on()
    {
        var bff = platform.Bff.BaseUrl;
        using var bob = new TestBrowser();
        await bob.SignInSessionAsync(bff, DemoUsers.Bob.Email, DemoUsers.Bob.Password);
        var products = await (await bob.ApiAsync(HttpMethod.Get, bff + "/api/products?pageSize=1")).JsonAsync();
        var productId = products["items"]!.AsArray()[0]!["id"]!.GetValue<string>();
        (await SendAsync(bob, HttpMethod.Post, bff + "/api/cart/items", new { productId, quantity = 1 })).EnsureSuccessStatusCode();
        var order = await (await SendAsync(bob, HttpMethod.Post, bff + "/api/cart/checkout", null)).JsonAsync();
        var orderId = order["id"]!.GetValue<string>();

        using var staff = new TestBrowser();
        await staff.SignInSessionAsync(bff, DemoUsers.Staff.Email, DemoUsers.Staff.Password);
        var page = await (await staff.ApiAsync(HttpMethod.Get, bff + "/api/admin/orders?pageSize=100")).JsonAsync();
        var row = page["items"]!.AsArray().Single(o => o!["id"]!.GetValue<string>() == orderId)!;
        Assert.Equal(DemoUsers.Bob.Email, row["customerEmail"]!.GetValue<string>());
        Assert.Equal("Bob Chen", row["customerName"]?.GetValue<string>());

        var moved = await SendAsync(staff, HttpMethod.Post, $"{bff}/api/admin/orders/{orderId}/status", new { status = "confirmed" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal("confirmed", (await moved.JsonAsync())["status"]!.GetValue<string>(), StringComparer.OrdinalIgnoreCase);
    }

    private static Task<HttpResponseMessage> SendAsync(TestBrowser browser, HttpMethod method, string url, object? body)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("X-CSRF", "1");
        return browser.SendAsync(request);
    }
}
