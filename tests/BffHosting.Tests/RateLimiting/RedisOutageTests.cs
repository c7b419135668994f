using System.Net;
using System.Text.Json.Nodes;
using BffPlatform.Testing.Servers;

namespace BffPlatform.BffHosting.Tests.RateLimiting;

/// <summary>
/// Redis goes away under a door: the limiter fails open (the default) or closed as configured, the
/// door keeps answering, its ready check says Redis is down, and limits come back with Redis
/// without a restart. Each test has a Redis of its own, as it stops it.
/// </summary>
public sealed class RedisOutageTests
{
    [Fact]
    public async Task By_default_the_limiter_fails_open_and_limits_again_when_redis_returns()
    {
        await using var redis = await LocalRedis.StartNewAsync();
        await using var app = await RateLimitedApp.StartAsync(RedisServerFixture.OnRedis(redis,
            RateLimitedApp.Settings(burst: 100, burstSeconds: 60, sustained: 2, sustainedSeconds: 3600)));
        using (var before = await app.GetAsync("/limited")) Assert.True(before.Headers.Contains("RateLimit"));
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/health/ready")).StatusCode);

        await redis.StopAsync();

        // Over the limit of 2, and still admitted: nobody can be counted.
        for (var i = 0; i < 4; i++)
        {
            using var response = await app.GetAsync("/limited");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains("RateLimit"));
            Assert.Equal("\"burst\";q=100;w=60, \"hour\";q=2;w=3600", Assert.Single(response.Headers.GetValues("RateLimit-Policy")));
        }
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await app.GetAsync("/health/ready")).StatusCode);

        await redis.StartAsync();
        await WaitForCountingAsync(app);

        // The new Redis is empty: alice has 2 again, then 429 as before.
        using (var second = await app.GetAsync("/limited")) Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        using (var third = await app.GetAsync("/limited")) Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task Configured_closed_the_limiter_refuses_limited_endpoints_with_503_while_redis_is_down()
    {
        await using var redis = await LocalRedis.StartNewAsync();
        var settings = RedisServerFixture.OnRedis(redis, RateLimitedApp.Settings(burst: 100, burstSeconds: 60, sustained: 50, sustainedSeconds: 3600));
        settings["RateLimiting:RedisFailure"] = "Closed";
        await using var app = await RateLimitedApp.StartAsync(settings);
        using (var before = await app.GetAsync("/limited")) Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        await redis.StopAsync();

        using var refused = await app.GetAsync("/limited");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal("rate_limit_unavailable", JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["code"]?.GetValue<string>());
        Assert.Equal("5", Assert.Single(refused.Headers.GetValues("Retry-After")));
        Assert.False(refused.Headers.Contains("RateLimit"));
        // Endpoints without a policy do not depend on Redis.
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/free")).StatusCode);

        await redis.StartAsync();
        await WaitForCountingAsync(app);
    }

    /// <summary>Until the connection is back and a limited request is counted again (a RateLimit header).</summary>
    private static async Task WaitForCountingAsync(RateLimitedApp app)
    {
        // The client reconnects in the background; this bounds the wait, not the speed.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using var response = await app.GetAsync("/limited");
            if (response.Headers.Contains("RateLimit")) return;
            Assert.True(DateTime.UtcNow < deadline, "the limiter did not count again within 60 s of Redis' return");
            await Task.Delay(200);
        }
    }
}
