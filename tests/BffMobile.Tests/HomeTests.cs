using System.Net;
using BffPlatform.BffMobile.Tests.Infrastructure;
using Xunit.Abstractions;

namespace BffPlatform.BffMobile.Tests;

/// <summary>The first screen in one round trip, degrading part by part.</summary>
[Collection(MobileCollection.Name)]
public sealed class HomeTests(MobilePlatform platform, ITestOutputHelper output)
{
    private const string WithoutOrdersRead = "openid profile email offline_access core-api catalog.read orders.write";

    [Fact]
    public async Task A_signed_in_home_holds_featured_products_recent_orders_and_the_cart_count()
    {
        var token = await platform.AccessTokenAsync(DemoUsers.Alice);
        using var app = platform.Door.App(token);

        var home = await (await app.GetAsync("/mobile/v1/home")).JsonAsync();

        Assert.Equal(6, home["featured"]!.AsArray().Count);
        Assert.NotNull(home["recentOrders"]);
        Assert.NotNull(home["cartCount"]);
        Assert.Equal("fresh", home["parts"]!["featured"]!.GetValue<string>());
        Assert.Equal("fresh", home["parts"]!["recentOrders"]!.GetValue<string>());
        Assert.Equal("fresh", home["parts"]!["cartCount"]!.GetValue<string>());
    }

    [Fact]
    public async Task One_request_replaces_three_and_carries_fewer_bytes_than_core_apis_answers()
    {
        var token = await platform.AccessTokenAsync(DemoUsers.Alice);
        using var app = platform.Door.App(token);
        using var core = platform.Core(await platform.CoreTokenForAsync(token));

        var home = await (await app.GetAsync("/mobile/v1/home")).Content.ReadAsByteArrayAsync();
        // What the app would fetch itself for the same screen, at core-api's page sizes.
        string[] raw = ["/api/v1/products?pageSize=6", "/api/v1/orders?pageSize=3", "/api/v1/cart"];
        var rawBytes = 0;
        foreach (var path in raw)
        {
            using var response = await core.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            rawBytes += (await response.Content.ReadAsByteArrayAsync()).Length;
        }

        output.WriteLine($"home: 1 request, {home.Length} bytes; core-api direct: {raw.Length} requests, {rawBytes} bytes ({100 - home.Length * 100 / rawBytes}% fewer bytes)");
        Assert.True(home.Length < rawBytes, $"home {home.Length} bytes, raw {rawBytes} bytes");
    }

    [Fact]
    public async Task A_visitors_home_has_the_featured_products_and_says_the_rest_needs_sign_in()
    {
        using var visitor = platform.Door.App();

        var home = await (await visitor.GetAsync("/mobile/v1/home")).JsonAsync();

        Assert.Equal(6, home["featured"]!.AsArray().Count);
        Assert.Null(home["recentOrders"]);
        Assert.Null(home["cartCount"]);
        Assert.Equal("signedOut", home["parts"]!["recentOrders"]!.GetValue<string>());
        Assert.Equal("signedOut", home["parts"]!["cartCount"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_part_core_api_refuses_is_missing_and_the_rest_is_served()
    {
        // Erin's app holds no orders.read: core-api refuses her orders and cart, not the catalog.
        using var app = platform.Door.App(await platform.AccessTokenAsync(DemoUsers.Erin, WithoutOrdersRead));

        var home = await (await app.GetAsync("/mobile/v1/home")).JsonAsync();

        Assert.Equal("fresh", home["parts"]!["featured"]!.GetValue<string>());
        Assert.Equal(6, home["featured"]!.AsArray().Count);
        Assert.Equal("missing", home["parts"]!["recentOrders"]!.GetValue<string>());
        Assert.Null(home["recentOrders"]);
        Assert.Equal("missing", home["parts"]!["cartCount"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_part_that_fails_after_a_good_answer_is_served_stale()
    {
        using (var full = platform.Door.App(await platform.AccessTokenAsync(DemoUsers.Bob)))
        {
            var good = await (await full.GetAsync("/mobile/v1/home")).JsonAsync();
            Assert.Equal("fresh", good["parts"]!["cartCount"]!.GetValue<string>());
        }
        using var narrow = platform.Door.App(await platform.AccessTokenAsync(DemoUsers.Bob, WithoutOrdersRead));

        var home = await (await narrow.GetAsync("/mobile/v1/home")).JsonAsync();

        Assert.Equal("stale", home["parts"]!["recentOrders"]!.GetValue<string>());
        Assert.NotNull(home["recentOrders"]);
        Assert.Equal("stale", home["parts"]!["cartCount"]!.GetValue<string>());
        Assert.NotNull(home["cartCount"]);
    }

    [Fact]
    public async Task Core_api_down_is_503_and_core_api_silent_is_504()
    {
        var token = await platform.AccessTokenAsync(DemoUsers.Alice);

        using (var app = platform.DoorWithCoreDown.App(token))
        {
            await (await app.GetAsync("/mobile/v1/home")).AssertProblemAsync(503, "upstream_unavailable");
            await (await app.GetAsync("/mobile/v1/products")).AssertProblemAsync(503, "upstream_unavailable");
        }
        using (var visitor = platform.DoorWithCoreDown.App())
        {
            await (await visitor.GetAsync("/mobile/v1/home")).AssertProblemAsync(503, "upstream_unavailable");
        }
        using var slow = platform.DoorWithSlowCore.App(token);
        await (await slow.GetAsync("/mobile/v1/home")).AssertProblemAsync(504, "upstream_timeout");
        await (await slow.GetAsync("/mobile/v1/orders")).AssertProblemAsync(504, "upstream_timeout");
    }

}
