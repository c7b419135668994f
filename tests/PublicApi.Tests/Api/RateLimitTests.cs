using System.Globalization;
using System.Net;
using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Partners;
using BffPlatform.PublicApi.Tests.Infrastructure;

namespace BffPlatform.PublicApi.Tests.Api;

/// <summary>Limits per key by the partner's plan, from configuration; exact counts with a small plan. Windows are long so nothing refills mid-test.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private FakeCore _core = null!;

    public async Task InitializeAsync() => _core = await FakeCore.StartAsync();

    public async Task DisposeAsync() => await _core.DisposeAsync();

    private static Dictionary<string, string?> SmallPlan(bool enabled = true) => new()
    {
        ["RateLimiting:Enabled"] = enabled ? "true" : "false",
        ["RateLimiting:Policies:tiny:Burst:Permits"] = "100",
        ["RateLimiting:Policies:tiny:Burst:Window"] = "00:01:00",
        ["RateLimiting:Policies:tiny:Sustained:Name"] = "hour",
        ["RateLimiting:Policies:tiny:Sustained:Permits"] = "3",
        ["RateLimiting:Policies:tiny:Sustained:Window"] = "01:00:00",
    };

    [Fact]
    public async Task A_key_gets_exactly_its_plans_quota_then_429_with_retry_after_and_the_ietf_headers()
    {
        await using var api = new PublicApiFactory(_core.BaseUrl, SmallPlan());
        var key = _core.Issue(ApiKeyKinds.Live, PartnerScopes.All, plan: "tiny");
        using var client = api.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            using var ok = await client.SendAsync(PublicApiFactory.Request(HttpMethod.Get, "/api/v2/products", key));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal("\"burst\";q=100;w=60, \"hour\";q=3;w=3600", Assert.Single(ok.Headers.GetValues("RateLimit-Policy")));
            Assert.StartsWith($"\"hour\";r={2 - i};t=", Assert.Single(ok.Headers.GetValues("RateLimit")), StringComparison.Ordinal);
        }
        using var refused = await client.SendAsync(PublicApiFactory.Request(HttpMethod.Get, "/api/v2/products", key));

        await refused.AssertProblemAsync(429, ErrorCodes.RateLimited);
        Assert.InRange(long.Parse(Assert.Single(refused.Headers.GetValues("Retry-After")), CultureInfo.InvariantCulture), 3000, 3600);
        Assert.Equal(3, _core.PartnerCalls.Count());
    }

    [Fact]
    public async Task Each_key_has_its_own_quota_and_another_plan_its_own_limits()
    {
        await using var api = new PublicApiFactory(_core.BaseUrl, SmallPlan());
        var first = _core.Issue(ApiKeyKinds.Live, PartnerScopes.All, plan: "tiny");
        var second = _core.Issue(ApiKeyKinds.Live, PartnerScopes.All, plan: "tiny");
        var standard = _core.Issue(ApiKeyKinds.Live, PartnerScopes.All, plan: "standard");
        using var client = api.CreateClient();

        for (var i = 0; i < 4; i++) (await client.SendAsync(PublicApiFactory.Request(HttpMethod.Get, "/api/v2/ping", first))).Dispose();
        using var other = await client.SendAsync(PublicApiFactory.Request(HttpMethod.Get, "/api/v2/ping", second));
        using var bigger = await client.SendAsync(PublicApiFactory.Request(HttpMethod.Get, "/api/v2/ping", standard));

        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Contains("\"hour\";q=10000;w=3600", Assert.Single(bigger.Headers.GetValues("RateLimit-Policy")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plan_the_configuration_lacks_is_limited_as_the_free_plan()
    {
        await using var api = new PublicApiFactory(_core.BaseUrl, SmallPlan());
        var key = _core.Issue(ApiKeyKinds.Live, PartnerScopes.All, plan: "platinum-unconfigured");
        using var client = api.CreateClient();

        using var response = await client.SendAsync(PublicApiFactory.Request(HttpMethod.Get, "/api/v2/ping", key));

        Assert.Equal("\"burst\";q=10;w=1, \"hour\";q=100;w=3600", Assert.Single(response.Headers.GetValues("RateLimit-Policy")));
    }

    [Fact]
    public async Task Switched_off_nothing_is_limited_and_no_headers_are_sent()
    {
        await using var api = new PublicApiFactory(_core.BaseUrl, SmallPlan(enabled: false));
        var key = _core.Issue(ApiKeyKinds.Live, PartnerScopes.All, plan: "tiny");
        using var client = api.CreateClient();

        for (var i = 0; i < 5; i++)
        {
            using var response = await client.SendAsync(PublicApiFactory.Request(HttpMethod.Get, "/api/v2/ping", key));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains("RateLimit"));
        }
    }
}
