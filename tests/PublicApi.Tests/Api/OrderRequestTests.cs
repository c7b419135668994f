using System.Net;
using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Partners;
using BffPlatform.PublicApi.Tests.Infrastructure;

namespace BffPlatform.PublicApi.Tests.Api;

/// <summary>What the door itself requires of an order write before core-api sees it, and where the answer points.</summary>
public sealed class OrderRequestTests : IAsyncLifetime
{
    private FakeCore _core = null!;
    private PublicApiFactory _api = null!;
    private string _key = "";
    private static readonly object Body = new { lines = new[] { new { productId = FakeCore.Widget.Id, quantity = 3 } }, customerReference = "cust-42" };

    public async Task InitializeAsync()
    {
        _core = await FakeCore.StartAsync();
        _api = new PublicApiFactory(_core.BaseUrl);
        _key = _core.Issue(ApiKeyKinds.Test, PartnerScopes.All, plan: "enterprise");
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _core.DisposeAsync();
    }

    [Theory]
    [InlineData("/api/v1/orders")]
    [InlineData("/api/v2/orders")]
    [InlineData("/api/v2/orders/3f0c8f9e-0000-4000-8000-000000000001/cancel")]
    public async Task A_post_without_an_idempotency_key_is_400_and_reaches_nothing(string path)
    {
        using var client = _api.CreateClient();

        using var response = await client.SendAsync(PublicApiFactory.Request(HttpMethod.Post, path, _key, Body));

        var problem = await response.AssertProblemAsync(400, ErrorCodes.IdempotencyKeyMissing);
        Assert.Contains("Idempotency-Key", problem["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(_core.PartnerCalls);
    }

    [Fact]
    public async Task A_malformed_idempotency_key_is_400_naming_the_header()
    {
        using var client = _api.CreateClient();

        using var response = await client.SendAsync(PublicApiFactory.Request(HttpMethod.Post, "/api/v2/orders", _key, Body, new string('k', 129)));

        var problem = await response.AssertProblemAsync(400, ErrorCodes.ValidationFailed);
        Assert.NotNull(problem["errors"]![IdempotencyHeaders.Key]);
        Assert.Empty(_core.PartnerCalls);
    }

    [Fact]
    public async Task A_write_needs_orders_write_even_with_a_key()
    {
        var reader = _core.Issue(ApiKeyKinds.Test, [PartnerScopes.OrdersRead]);
        using var client = _api.CreateClient();

        using var response = await client.SendAsync(PublicApiFactory.Request(HttpMethod.Post, "/api/v2/orders", reader, Body, "k-1"));

        var problem = await response.AssertProblemAsync(403, ErrorCodes.InsufficientScope);
        Assert.Equal(PartnerScopes.OrdersWrite, problem["requiredScope"]!.GetValue<string>());
        Assert.Empty(_core.PartnerCalls);
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("v2")]
    public async Task A_placed_order_is_201_at_the_versions_own_address_with_the_key_forwarded(string version)
    {
        using var client = _api.CreateClient();

        using var response = await client.SendAsync(PublicApiFactory.Request(HttpMethod.Post, $"/api/{version}/orders", _key, Body, "order-" + version));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var order = await response.JsonAsync();
        Assert.Equal($"/api/{version}/orders/{order["id"]!.GetValue<string>()}", response.Headers.Location?.OriginalString);
        Assert.Equal("cust-42", order["customerReference"]!.GetValue<string>());
        var amount = order["total"]!["amount"]!;
        if (version == "v1") Assert.Equal(37.5m, amount.GetValue<decimal>());
        else Assert.Equal("3750", amount.ToJsonString());
        var call = Assert.Single(_core.PartnerCalls);
        Assert.Equal("order-" + version, call.Headers[IdempotencyHeaders.Key]);
    }
}
