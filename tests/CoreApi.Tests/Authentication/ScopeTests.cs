using System.Net;
using System.Text;
using BffPlatform.Contracts.Common;
using BffPlatform.CoreApi.Tests.Infrastructure;

namespace BffPlatform.CoreApi.Tests.Authentication;

/// <summary>
/// Every route needs its scope, user tokens included (issue 10 #3: a user token carrying only
/// <c>catalog.read</c> created an order). Each route is called with a token holding every
/// other scope, by a caller whose role would otherwise pass: the scope alone refuses it.
/// </summary>
public sealed class ScopeTests(CoreApiFactory app) : IClassFixture<CoreApiFactory>
{
    private const string Id = "0190d2a4-0000-7000-8000-000000000001";

    /// <summary>Method, path, and the scopes any one of which the route accepts.</summary>
    public static TheoryData<string, string, string[]> Routes => new()
    {
        { "GET", "/api/v1/products", [Scopes.CatalogRead, Scopes.CatalogWrite] },
        { "GET", "/api/v1/products/categories", [Scopes.CatalogRead, Scopes.CatalogWrite] },
        { "GET", $"/api/v1/products/{Id}", [Scopes.CatalogRead, Scopes.CatalogWrite] },
        { "POST", "/api/v1/products", [Scopes.CatalogWrite] },
        { "PUT", $"/api/v1/products/{Id}", [Scopes.CatalogWrite] },
        { "DELETE", $"/api/v1/products/{Id}", [Scopes.CatalogWrite] },
        { "GET", "/api/v1/cart", [Scopes.OrdersRead, Scopes.OrdersAdmin] },
        { "POST", "/api/v1/cart/items", [Scopes.OrdersWrite] },
        { "PUT", $"/api/v1/cart/items/{Id}", [Scopes.OrdersWrite] },
        { "DELETE", $"/api/v1/cart/items/{Id}", [Scopes.OrdersWrite] },
        { "DELETE", "/api/v1/cart", [Scopes.OrdersWrite] },
        { "POST", "/api/v1/cart/checkout", [Scopes.OrdersWrite] },
        { "GET", "/api/v1/orders", [Scopes.OrdersRead, Scopes.OrdersAdmin] },
        { "GET", $"/api/v1/orders/{Id}", [Scopes.OrdersRead, Scopes.OrdersAdmin] },
        { "POST", "/api/v1/orders", [Scopes.OrdersWrite] },
        { "POST", $"/api/v1/orders/{Id}/cancel", [Scopes.OrdersWrite] },
        { "POST", $"/api/v1/orders/{Id}/status", [Scopes.OrdersAdmin] },
        { "GET", "/api/v1/users", [Scopes.UsersRead] },
        { "GET", "/api/v1/outbox/events?consumer=c", [Scopes.OutboxRead] },
        { "POST", "/api/v1/outbox/events/ack", [Scopes.OutboxRead] },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task A_user_token_without_the_routes_scope_is_403(string method, string path, string[] accepted)
    {
        // Staff: the role passes every staff-only check, so only the missing scope can refuse.
        var token = TestTokens.User("sam", "staff") with { Scopes = TestTokens.EveryScope.Except(accepted).ToList() };
        using var response = await SendAsync(app.ClientFor(token), method, path);
        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task A_service_token_without_the_routes_scope_is_403(string method, string path, string[] accepted)
    {
        var token = TestTokens.Service("test-service", TestTokens.EveryScope.Except(accepted).ToArray());
        using var response = await SendAsync(app.ClientFor(token), method, path);
        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task A_token_with_only_the_routes_scope_gets_past_authorization(string method, string path, string[] accepted)
    {
        // Staff is a user too (carts take any user); whatever the handler then answers
        // (404 for the made-up id, 400 for the empty body), it is not the 403 of a missing scope.
        var token = TestTokens.User("sam", "staff") with { Scopes = [Scopes.Audience, accepted[0]] };
        using var response = await SendAsync(app.ClientFor(token), method, path);
        Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_customer_token_with_only_catalog_read_cannot_order_or_fill_a_cart()
    {
        var reader = TestTokens.User("carol") with { Scopes = [Scopes.Audience, Scopes.CatalogRead] };
        using var client = app.ClientFor(reader);
        var order = await SendAsync(client, "POST", "/api/v1/orders");
        await order.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        var cart = await SendAsync(client, "POST", "/api/v1/cart/items");
        await cart.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/products")).StatusCode);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        }
        request.Headers.IfMatch.ParseAdd("\"1\"");
        return client.SendAsync(request);
    }
}
