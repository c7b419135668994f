using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace BffPlatform.BffHosting.Tests.RateLimiting;

/// <summary>
/// Burst and sustained quotas per partition, exactly; the draft-ietf-httpapi-ratelimit-headers on every
/// answer; 429 Problem Details with Retry-After. Windows are long (a minute, an hour) so no quota
/// comes back while a test runs.
/// </summary>
public sealed partial class RateLimitingTests
{
    [Fact]
    public async Task The_burst_admits_exactly_its_permits_then_answers_429_with_retry_after()
    {
        await using var app = await RateLimitedApp.StartAsync(RateLimitedApp.Settings(burst: 3, burstSeconds: 60, sustained: 100, sustainedSeconds: 3600));

        using var refused = await RefusedAfterAsync(app, admitted: 3);

        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Assert.Equal("rate_limited", problem["code"]?.GetValue<string>());
        Assert.Equal(429, problem["status"]?.GetValue<int>());
        var retryAfter = long.Parse(Assert.Single(refused.Headers.GetValues("Retry-After")), CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        var (name, remaining, reset) = Remaining(refused);
        Assert.Equal(("burst", 0L), (name, remaining));
        Assert.Equal(retryAfter, reset);
    }

    [Fact]
    public async Task The_sustained_quota_admits_exactly_its_permits_then_answers_429()
    {
        await using var app = await RateLimitedApp.StartAsync(RateLimitedApp.Settings(burst: 100, burstSeconds: 60, sustained: 5, sustainedSeconds: 3600));

        using var refused = await RefusedAfterAsync(app, admitted: 5);

        var retryAfter = long.Parse(Assert.Single(refused.Headers.GetValues("Retry-After")), CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 3000, 3600);
        Assert.Equal("hour", Remaining(refused).Name);
    }

    [Fact]
    public async Task Every_answer_states_the_policy_and_the_most_constraining_remaining_quota()
    {
        await using var app = await RateLimitedApp.StartAsync(RateLimitedApp.Settings(burst: 10, burstSeconds: 60, sustained: 3, sustainedSeconds: 3600));

        using var first = await app.GetAsync("/limited");

        Assert.Equal("\"burst\";q=10;w=60, \"hour\";q=3;w=3600", Assert.Single(first.Headers.GetValues("RateLimit-Policy")));
        Assert.Matches(RemainingSyntax(), Assert.Single(first.Headers.GetValues("RateLimit")));
        // The hour's 2 left constrain more than the burst's 9.
        var (name, remaining, reset) = Remaining(first);
        Assert.Equal(("hour", 2L), (name, remaining));
        Assert.InRange(reset, 3590, 3600);

        await app.GetAsync("/limited");
        Assert.Equal(("hour", 0L), Left(await app.GetAsync("/limited")));
    }

    [Fact]
    public async Task The_burst_is_named_when_it_is_the_tighter_one()
    {
        await using var app = await RateLimitedApp.StartAsync(RateLimitedApp.Settings(burst: 2, burstSeconds: 60, sustained: 50, sustainedSeconds: 3600));

        var (name, remaining, reset) = Remaining(await app.GetAsync("/limited"));

        Assert.Equal(("burst", 1L), (name, remaining));
        Assert.InRange(reset, 50, 60);
    }

    [Fact]
    public async Task Partitions_do_not_share_quotas()
    {
        await using var app = await RateLimitedApp.StartAsync(RateLimitedApp.Settings(burst: 2, burstSeconds: 60, sustained: 50, sustainedSeconds: 3600));

        await app.GetAsync("/limited", "alice");
        await app.GetAsync("/limited", "alice");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await app.GetAsync("/limited", "alice")).StatusCode);

        using var bob = await app.GetAsync("/limited", "bob");
        Assert.Equal(HttpStatusCode.OK, bob.StatusCode);
        Assert.Equal(("burst", 1L), Left(bob));
    }

    [Fact]
    public async Task Disabled_limits_nothing_and_sends_no_headers()
    {
        await using var app = await RateLimitedApp.StartAsync(RateLimitedApp.Settings(burst: 1, burstSeconds: 60, sustained: 1, sustainedSeconds: 3600, enabled: false));

        for (var i = 0; i < 5; i++)
        {
            using var response = await app.GetAsync("/limited");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains("RateLimit"));
            Assert.False(response.Headers.Contains("RateLimit-Policy"));
        }
    }

    [Fact]
    public async Task An_endpoint_without_a_policy_is_not_limited()
    {
        await using var app = await RateLimitedApp.StartAsync(RateLimitedApp.Settings(burst: 1, burstSeconds: 60, sustained: 1, sustainedSeconds: 3600));
        await app.GetAsync("/limited");

        using var free = await app.GetAsync("/free");

        Assert.Equal(HttpStatusCode.OK, free.StatusCode);
        Assert.False(free.Headers.Contains("RateLimit"));
    }

    /// <summary>Exactly <paramref name="admitted"/> requests pass; the next one is refused with 429.</summary>
    private static async Task<HttpResponseMessage> RefusedAfterAsync(RateLimitedApp app, int admitted)
    {
        for (var i = 0; i < admitted; i++)
        {
            using var response = await app.GetAsync("/limited");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        var refused = await app.GetAsync("/limited");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        return refused;
    }

    private static (string Name, long Remaining) Left(HttpResponseMessage response)
    {
        var (name, remaining, _) = Remaining(response);
        return (name, remaining);
    }

    /// <summary>Parses <c>"name";r=N;t=S</c>.</summary>
    private static (string Name, long Remaining, long Reset) Remaining(HttpResponseMessage response)
    {
        var value = Assert.Single(response.Headers.GetValues("RateLimit"));
        var match = RemainingSyntax().Match(value);
        Assert.True(match.Success, value);
        return (match.Groups["name"].Value, long.Parse(match.Groups["r"].Value, CultureInfo.InvariantCulture), long.Parse(match.Groups["t"].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex("""^"(?<name>[A-Za-z0-9._-]+)";r=(?<r>\d+);t=(?<t>\d+)$""")]
    private static partial Regex RemainingSyntax();
}
