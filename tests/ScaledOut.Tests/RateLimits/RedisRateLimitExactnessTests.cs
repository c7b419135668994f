using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using BffPlatform.Testing.Partners;

namespace BffPlatform.ScaledOut.Tests.RateLimits;

/// <summary>
/// Two public-api processes on one Redis share every partner's quota: a plan of N requests admits
/// exactly N across both, however the requests are split and however many arrive at once.
/// </summary>
public sealed class RedisRateLimitExactnessTests(RateLimitedPair pair) : IClassFixture<RateLimitedPair>
{
    [Fact]
    public async Task A_limit_of_n_admits_exactly_n_across_two_instances_under_concurrent_load()
    {
        const int extra = 15;
        using var first = Client(pair.First.BaseUrl);
        using var second = Client(pair.Second.BaseUrl);
        // One admitted request each first, so both instances have verified the key before the burst.
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/api/v2/ping")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/v2/ping")).StatusCode);

        var responses = await Task.WhenAll(Enumerable.Range(0, RateLimitedPair.Limit - 2 + extra)
            .Select(i => (i % 2 == 0 ? first : second).GetAsync("/api/v2/ping")));

        var statuses = responses.GroupBy(r => r.StatusCode).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(statuses.Keys.All(s => s is HttpStatusCode.OK or HttpStatusCode.TooManyRequests), $"{string.Join(", ", statuses)}\n{pair.Logs()}");
        Assert.Equal(RateLimitedPair.Limit - 2, statuses.GetValueOrDefault(HttpStatusCode.OK));
        Assert.Equal(extra, statuses.GetValueOrDefault(HttpStatusCode.TooManyRequests));
        var refused = responses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.Equal("rate_limited", JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["code"]?.GetValue<string>());
        Assert.True(refused.Headers.Contains("Retry-After"));
        Assert.StartsWith("\"hour\";r=0;t=", Assert.Single(refused.Headers.GetValues("RateLimit")), StringComparison.Ordinal);
        foreach (var response in responses) response.Dispose();

        // Both instances now refuse the key: neither has a private quota left over.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await first.GetAsync("/api/v2/ping")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await second.GetAsync("/api/v2/ping")).StatusCode);
    }

    private static HttpClient Client(string baseUrl) => new()
    {
        BaseAddress = new Uri(baseUrl),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", DemoPartner.TestKey) },
    };
}
