using System.Net;
using System.Text.Json.Nodes;
using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Partners;
using BffPlatform.PublicApi.Keys;
using BffPlatform.PublicApi.Tests.Infrastructure;
using BffPlatform.PublicApi.Usage;
using BffPlatform.Testing.Partners;
using Microsoft.Extensions.DependencyInjection;

namespace BffPlatform.PublicApi.Tests.Integration;

/// <summary>
/// Partners through public-api against real core-api and identity, with real keys: the demo partner's
/// seeded keys, and partners and keys staff create. Each test makes its own partner where it leaves state.
/// </summary>
[Collection(PartnerPlatformCollection.Name)]
public sealed class PartnerOrderTests(PartnerPlatform platform)
{
    private HttpClient Client() => platform.Api.CreateClient();

    private static HttpRequestMessage Get(string path, string key) => PublicApiFactory.Request(HttpMethod.Get, path, key);

    private async Task<Guid> FirstProductAsync(string key)
    {
        using var client = Client();
        var page = await (await client.SendAsync(Get("/api/v1/products?pageSize=1", key))).JsonAsync();
        return Guid.Parse(page["items"]![0]!["id"]!.GetValue<string>());
    }

    private static object OrderOf(Guid product, int quantity = 1, string? reference = null) =>
        new { lines = new[] { new { productId = product, quantity } }, customerReference = reference };

    [Fact]
    public async Task The_demo_test_key_pings_as_its_partner_with_its_scopes()
    {
        using var client = Client();

        var ping = await (await client.SendAsync(Get("/api/v2/ping", DemoPartner.TestKey))).JsonAsync();

        Assert.Equal(DemoPartner.Name, ping["partnerName"]!.GetValue<string>());
        Assert.Equal(PartnerEnvironments.Test, ping["environment"]!.GetValue<string>());
        Assert.Equal(PartnerScopes.All.Order(), ping["scopes"]!.AsArray().Select(s => s!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task The_catalog_reads_in_both_versions_with_the_money_each_promises()
    {
        using var client = Client();

        var v1 = await (await client.SendAsync(Get("/api/v1/products?pageSize=2", DemoPartner.PublishableKey))).JsonAsync();
        var v2 = await (await client.SendAsync(Get("/api/v2/products?pageSize=2", DemoPartner.PublishableKey))).JsonAsync();

        var decimalPrice = v1["items"]![0]!["price"]!;
        var minorPrice = v2["items"]![0]!["price"]!;
        Assert.Equal(decimalPrice["currency"]!.GetValue<string>(), minorPrice["currency"]!.GetValue<string>());
        Assert.Equal(decimalPrice["amount"]!.GetValue<decimal>() * 100, minorPrice["amount"]!.GetValue<long>());
        Assert.NotNull(v2["nextCursor"]);
        var next = await (await client.SendAsync(Get($"/api/v2/products?pageSize=2&cursor={Uri.EscapeDataString(v2["nextCursor"]!.GetValue<string>())}", DemoPartner.PublishableKey))).JsonAsync();
        Assert.NotEqual(v2["items"]![0]!["id"]!.GetValue<string>(), next["items"]![0]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_publishable_key_reads_the_catalog_but_no_orders()
    {
        using var client = Client();

        using var orders = await client.SendAsync(Get("/api/v2/orders", DemoPartner.PublishableKey));
        using var place = await client.SendAsync(PublicApiFactory.Request(HttpMethod.Post, "/api/v2/orders", DemoPartner.PublishableKey, OrderOf(Guid.NewGuid()), "pub-1"));

        await orders.AssertProblemAsync(403, ErrorCodes.InsufficientScope);
        await place.AssertProblemAsync(403, ErrorCodes.InsufficientScope);
    }

    [Fact]
    public async Task An_order_is_placed_read_listed_and_cancelled_for_the_partners_own_customer_and_replayed_by_its_key()
    {
        var partner = await platform.CreatePartnerAsync("Orders " + Guid.NewGuid().ToString("N")[..8]);
        var key = (await platform.IssueKeyAsync(partner.Id, ApiKeyKinds.Test, PartnerScopes.All)).Secret;
        var product = await FirstProductAsync(key);
        using var client = Client();
        var idempotencyKey = "place-" + Guid.NewGuid();

        using var placed = await client.SendAsync(PublicApiFactory.Request(HttpMethod.Post, "/api/v2/orders", key, OrderOf(product, 2, "customer-17"), idempotencyKey));
        using var replayed = await client.SendAsync(PublicApiFactory.Request(HttpMethod.Post, "/api/v2/orders", key, OrderOf(product, 2, "customer-17"), idempotencyKey));
        using var reused = await client.SendAsync(PublicApiFactory.Request(HttpMethod.Post, "/api/v2/orders", key, OrderOf(product, 3, "customer-17"), idempotencyKey));

        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var order = await placed.JsonAsync();
        var id = order["id"]!.GetValue<string>();
        Assert.Equal("customer-17", order["customerReference"]!.GetValue<string>());
        Assert.True(order["test"]!.GetValue<bool>());
        Assert.IsType<long>(order["total"]!["amount"]!.GetValue<long>());
        Assert.Equal(HttpStatusCode.Created, replayed.StatusCode);
        Assert.Equal(id, (await replayed.JsonAsync())["id"]!.GetValue<string>());
        Assert.Equal("true", Assert.Single(replayed.Headers.GetValues(IdempotencyHeaders.Replayed)));
        await reused.AssertProblemAsync(422, ErrorCodes.IdempotencyKeyReused);

        var read = await (await client.SendAsync(Get($"/api/v1/orders/{id}", key))).JsonAsync();
        Assert.Equal(order["total"]!["amount"]!.GetValue<long>(), read["total"]!["amount"]!.GetValue<decimal>() * 100);
        var list = await (await client.SendAsync(Get("/api/v2/orders", key))).JsonAsync();
        Assert.Equal([id], list["items"]!.AsArray().Select(o => o!["id"]!.GetValue<string>()));

        using var cancelled = await client.SendAsync(PublicApiFactory.Request(HttpMethod.Post, $"/api/v2/orders/{id}/cancel", key, null, "cancel-" + id));
        Assert.Equal("cancelled", (await cancelled.JsonAsync())["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Another_partners_order_is_not_found_and_a_test_key_never_sees_live_orders()
    {
        var owner = await platform.CreatePartnerAsync("Owner " + Guid.NewGuid().ToString("N")[..8]);
        var live = (await platform.IssueKeyAsync(owner.Id, ApiKeyKinds.Live, PartnerScopes.All)).Secret;
        var sandbox = (await platform.IssueKeyAsync(owner.Id, ApiKeyKinds.Test, PartnerScopes.All)).Secret;
        var product = await FirstProductAsync(live);
        using var client = Client();

        using var placed = await client.SendAsync(PublicApiFactory.Request(HttpMethod.Post, "/api/v2/orders", live, OrderOf(product), "live-" + Guid.NewGuid()));
        var id = (await placed.JsonAsync())["id"]!.GetValue<string>();

        using var byOtherPartner = await client.SendAsync(Get($"/api/v2/orders/{id}", DemoPartner.TestKey));
        using var cancelByOther = await client.SendAsync(PublicApiFactory.Request(HttpMethod.Post, $"/api/v2/orders/{id}/cancel", DemoPartner.TestKey, null, "x-" + id));
        using var bySandbox = await client.SendAsync(Get($"/api/v2/orders/{id}", sandbox));
        var sandboxList = await (await client.SendAsync(Get("/api/v2/orders", sandbox))).JsonAsync();
        var liveList = await (await client.SendAsync(Get("/api/v2/orders", live))).JsonAsync();

        await byOtherPartner.AssertProblemAsync(404, ErrorCodes.NotFound);
        await cancelByOther.AssertProblemAsync(404, ErrorCodes.NotFound);
        await bySandbox.AssertProblemAsync(404, ErrorCodes.NotFound);
        Assert.Empty(sandboxList["items"]!.AsArray());
        Assert.Equal([id], liveList["items"]!.AsArray().Select(o => o!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Bad_inputs_create_nothing()
    {
        var partner = await platform.CreatePartnerAsync("Bad inputs " + Guid.NewGuid().ToString("N")[..8]);
        var key = (await platform.IssueKeyAsync(partner.Id, ApiKeyKinds.Test, PartnerScopes.All)).Secret;
        var reader = (await platform.IssueKeyAsync(partner.Id, ApiKeyKinds.Test, [PartnerScopes.OrdersRead])).Secret;
        var product = await FirstProductAsync(key);
        using var client = Client();
        var broken = key[..^1] + (key[^1] == 'a' ? 'b' : 'a');

        (int, string)[] expected =
        [
            (401, ErrorCodes.ApiKeyMissing), (401, ErrorCodes.ApiKeyMalformed), (401, ErrorCodes.ApiKeyInvalid),
            (403, ErrorCodes.InsufficientScope), (400, ErrorCodes.IdempotencyKeyMissing), (400, ErrorCodes.ValidationFailed),
        ];
        HttpRequestMessage[] requests =
        [
            PublicApiFactory.Request(HttpMethod.Post, "/api/v2/orders", null, OrderOf(product), "a-1"),
            PublicApiFactory.Request(HttpMethod.Post, "/api/v2/orders", broken, OrderOf(product), "a-2"),
            PublicApiFactory.Request(HttpMethod.Post, "/api/v2/orders", ApiKeyFormat.Generate(ApiKeyKinds.Test), OrderOf(product), "a-3"),
            PublicApiFactory.Request(HttpMethod.Post, "/api/v2/orders", reader, OrderOf(product), "a-4"),
            PublicApiFactory.Request(HttpMethod.Post, "/api/v2/orders", key, OrderOf(product)),
            PublicApiFactory.Request(HttpMethod.Post, "/api/v2/orders", key, OrderOf(product, 0), "a-6"),
        ];
        for (var i = 0; i < requests.Length; i++)
        {
            using var response = await client.SendAsync(requests[i]);
            await response.AssertProblemAsync(expected[i].Item1, expected[i].Item2);
        }

        var list = await (await client.SendAsync(Get("/api/v2/orders", key))).JsonAsync();
        Assert.Empty(list["items"]!.AsArray());
    }

    [Fact]
    public async Task A_revoked_key_is_refused_once_the_cached_verification_is_gone()
    {
        var partner = await platform.CreatePartnerAsync("Revoked " + Guid.NewGuid().ToString("N")[..8]);
        var issued = await platform.IssueKeyAsync(partner.Id, ApiKeyKinds.Live, [PartnerScopes.CatalogRead]);
        using var client = Client();
        using var before = await client.SendAsync(Get("/api/v2/ping", issued.Secret));
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        await platform.RevokeKeyAsync(partner.Id, issued.Key.Id);
        // What ApiKeys:CacheDuration (30 s) does by itself, without the wait.
        platform.Api.Services.GetRequiredService<ApiKeyVerifier>().Clear();
        using var after = await client.SendAsync(Get("/api/v2/ping", issued.Secret));

        await after.AssertProblemAsync(401, ErrorCodes.ApiKeyRevoked);
    }

    [Fact]
    public async Task Usage_reported_by_the_door_is_what_the_partner_reads()
    {
        var partner = await platform.CreatePartnerAsync("Usage " + Guid.NewGuid().ToString("N")[..8]);
        var issued = await platform.IssueKeyAsync(partner.Id, ApiKeyKinds.Live, [PartnerScopes.CatalogRead]);
        using var client = Client();
        for (var i = 0; i < 3; i++) (await client.SendAsync(Get("/api/v2/products?pageSize=1", issued.Secret))).Dispose();
        (await client.SendAsync(Get("/api/v2/orders", issued.Secret))).Dispose();

        Assert.True(await platform.Api.Services.GetRequiredService<UsageReporter>().ReportAsync(default));
        var usage = (await (await client.SendAsync(Get("/api/v1/usage", issued.Secret))).JsonAsync()).AsArray();

        var today = Assert.Single(usage, u => u!["keyId"]!.GetValue<string>() == issued.Key.Id.ToString("D"))!;
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd"), today["day"]!.GetValue<string>());
        Assert.Equal((4L, 1L), (today["requests"]!.GetValue<long>(), today["rejected"]!.GetValue<long>()));
    }
}
