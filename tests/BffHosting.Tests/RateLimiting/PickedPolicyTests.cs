using System.Net;

namespace BffPlatform.BffHosting.Tests.RateLimiting;

/// <summary>A policy picked per request (public-api: the plan of the key's partner), with the endpoint's own as the fallback.</summary>
public sealed class PickedPolicyTests
{
    private static Dictionary<string, string?> TwoPolicies()
    {
        var settings = RateLimitedApp.Settings(burst: 100, burstSeconds: 60, sustained: 5, sustainedSeconds: 3600);
        settings["RateLimiting:Policies:small:Sustained:Permits"] = "2";
        settings["RateLimiting:Policies:small:Sustained:Window"] = "01:00:00";
        return settings;
    }

    [Fact]
    public async Task The_picked_policy_limits_the_request_and_states_its_own_quota()
    {
        await using var app = await RateLimitedApp.StartAsync(TwoPolicies());

        using var first = await app.GetAsync("/picked", policy: "small");
        using var second = await app.GetAsync("/picked", policy: "small");
        using var third = await app.GetAsync("/picked", policy: "small");

        Assert.Equal("\"sustained\";q=2;w=3600", Assert.Single(first.Headers.GetValues("RateLimit-Policy")));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("gold-not-configured")]
    public async Task No_pick_or_an_unknown_one_falls_back_to_the_endpoints_policy(string? picked)
    {
        await using var app = await RateLimitedApp.StartAsync(TwoPolicies());

        using var response = await app.GetAsync("/picked", policy: picked);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"burst\";q=100;w=60, \"hour\";q=5;w=3600", Assert.Single(response.Headers.GetValues("RateLimit-Policy")));
    }

    [Fact]
    public async Task Each_policy_keeps_its_own_count_for_the_same_partition()
    {
        await using var app = await RateLimitedApp.StartAsync(TwoPolicies());

        for (var i = 0; i < 2; i++) (await app.GetAsync("/picked", policy: "small")).Dispose();
        using var refused = await app.GetAsync("/picked", policy: "small");
        using var other = await app.GetAsync("/picked");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }
}
