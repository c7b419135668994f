using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace BffPlatform.BffHosting.Tests.RateLimiting;

/// <summary>
/// The door library's limiter with its counters in a real Redis (<c>Redis:Configuration</c> set): two
/// instances of a door share every quota exactly, and a client sees the same headers, 429s and
/// Retry-After as in the embedded default.
/// </summary>
public sealed class RedisRateLimitingTests(RedisServerFixture server) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task Two_instances_on_one_redis_admit_exactly_the_limit_under_concurrent_load()
    {
        var settings = server.On(RateLimitedApp.Settings(burst: 1000, burstSeconds: 60, sustained: 7, sustainedSeconds: 3600));
        await using var first = await RateLimitedApp.StartAsync(settings);
        await using var second = await RateLimitedApp.StartAsync(settings);

        // 7 + 13 requests at once, alternating between the instances.
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? first : second).GetAsync("/limited")));

        Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(13, refused.Count);
        foreach (var response in refused)
        {
            var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal("rate_limited", problem["code"]?.GetValue<string>());
            var retryAfter = long.Parse(Assert.Single(response.Headers.GetValues("Retry-After")), CultureInfo.InvariantCulture);
            Assert.InRange(retryAfter, 3500, 3601);
            Assert.StartsWith("\"hour\";r=0;t=", Assert.Single(response.Headers.GetValues("RateLimit")), StringComparison.Ordinal);
        }
        foreach (var response in responses) response.Dispose();
    }

    [Fact]
    public async Task Redis_answers_the_same_sequence_of_statuses_and_headers_as_memory()
    {
        var memory = RateLimitedApp.Settings(burst: 3, burstSeconds: 60, sustained: 100, sustainedSeconds: 3600);
        var redis = server.On(RateLimitedApp.Settings(burst: 3, burstSeconds: 60, sustained: 100, sustainedSeconds: 3600));

        var inMemory = await SequenceAsync(memory);
        var inRedis = await SequenceAsync(redis);

        Assert.Equal(inMemory, inRedis);
        Assert.Equal(
            ["200 burst;r=2", "200 burst;r=1", "200 burst;r=0", "429 burst;r=0", "200 bob:burst;r=2"],
            inRedis.Select(s => s[..s.IndexOf(" |", StringComparison.Ordinal)]));
    }

    [Fact]
    public async Task The_picked_policy_and_the_partitions_keep_their_own_counters_in_redis()
    {
        var settings = server.On(RateLimitedApp.Settings(burst: 100, burstSeconds: 60, sustained: 5, sustainedSeconds: 3600));
        settings["RateLimiting:Policies:small:Sustained:Permits"] = "1";
        settings["RateLimiting:Policies:small:Sustained:Window"] = "01:00:00";
        await using var app = await RateLimitedApp.StartAsync(settings);

        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/picked", "alice", "small")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await app.GetAsync("/picked", "alice", "small")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/picked", "bob", "small")).StatusCode);
        // alice's default policy is a quota of its own.
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/limited", "alice")).StatusCode);
    }

    /// <summary>Four requests of alice and one of bob, as "status quota;r=N | RateLimit-Policy | Retry-After".</summary>
    private static async Task<List<string>> SequenceAsync(Dictionary<string, string?> settings)
    {
        await using var app = await RateLimitedApp.StartAsync(settings);
        var sequence = new List<string>();
        foreach (var partition in new[] { "alice", "alice", "alice", "alice", "bob" })
        {
            using var response = await app.GetAsync("/limited", partition);
            var remaining = Assert.Single(response.Headers.GetValues("RateLimit"));
            var quota = remaining[..remaining.IndexOf(";t=", StringComparison.Ordinal)].Replace("\"", "", StringComparison.Ordinal);
            var who = partition == "bob" ? "bob:" : "";
            var retryAfter = response.Headers.TryGetValues("Retry-After", out var values) ? "retry" : "-";
            sequence.Add($"{(int)response.StatusCode} {who}{quota} | {Assert.Single(response.Headers.GetValues("RateLimit-Policy"))} | {retryAfter} | {response.Content.Headers.ContentType?.MediaType}");
        }
        return sequence;
    }
}
