using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using BffPlatform.Contracts.Partners;
using BffPlatform.Testing.Processes;
using StackExchange.Redis;

namespace BffPlatform.ScaledOut.Tests.PublicApiKeys;

/// <summary>
/// Usage counted in Redis by both instances: exact totals at core-api, nothing lost when an instance
/// dies, and the count never holds up the answer.
/// </summary>
[Collection(KeysPairCollection.Name)]
public sealed class SharedUsageTests(KeysPair pair)
{
    [Fact]
    public async Task Requests_spread_over_both_instances_show_exactly_once_even_after_one_is_killed_before_reporting()
    {
        await pair.EnsureBothRunningAsync();
        var (partner, key) = await NewKeyAsync();
        using var first = Client(pair.First, key.Secret);
        using var second = Client(pair.Second, key.Secret);

        // 30 served and 6 refused for scope (403: rejections), at once, half through each instance.
        var responses = await Task.WhenAll(Enumerable.Range(0, 36).Select(i =>
            (i % 2 == 0 ? first : second).GetAsync(i < 30 ? "/api/v2/ping" : "/api/v2/orders")));
        Assert.Equal(30, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(6, responses.Count(r => r.StatusCode == HttpStatusCode.Forbidden));
        foreach (var response in responses) response.Dispose();

        // The second instance never reported (its interval is an hour) and dies without a last report.
        await pair.KillAsync(1);

        await WaitForUsageAsync(partner.Id, key.Key.Id, 36, 6);
        // A later report of the same shared totals still adds up exactly.
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/api/v2/ping")).StatusCode);
        await WaitForUsageAsync(partner.Id, key.Key.Id, 37, 6);
    }

    [Fact]
    public async Task The_answer_does_not_wait_for_its_count_to_reach_redis()
    {
        await pair.EnsureBothRunningAsync();
        var (_, key) = await NewKeyAsync();
        using var first = Client(pair.First, key.Secret);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(pair.Redis.Configuration + ",allowAdmin=true");
        var database = redis.GetDatabase();
        var day = (RedisKey)("bffplatform:public-api:usage:" + DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var field = key.Key.Id.ToString("N");
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/api/v2/ping")).StatusCode);
        await WaitForCountAsync(database, day, field, 1);

        // Writes (the count's script among them) wait; reads go on.
        await database.ExecuteAsync("CLIENT", "PAUSE", "10000", "WRITE");
        try
        {
            using var answered = await first.GetAsync("/api/v2/ping");
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
            // Answered while its count could not have been written.
            Assert.Equal(1, (long)await database.HashGetAsync(day, field));
        }
        finally
        {
            await database.ExecuteAsync("CLIENT", "UNPAUSE");
        }
        await WaitForCountAsync(database, day, field, 2);
    }

    private async Task<(PartnerDto Partner, IssuedApiKeyDto Key)> NewKeyAsync()
    {
        var partner = await pair.Staff.CreatePartnerAsync("Usage " + Guid.NewGuid().ToString("N")[..8]);
        return (partner, await pair.Staff.IssueKeyAsync(partner.Id, ApiKeyKinds.Live, [PartnerScopes.CatalogRead]));
    }

    private async Task WaitForUsageAsync(Guid partner, Guid key, long requests, long rejected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        IReadOnlyList<UsageDayDto> usage = [];
        while (DateTime.UtcNow < deadline)
        {
            usage = await pair.Staff.UsageAsync(partner);
            var total = (usage.Where(u => u.KeyId == key).Sum(u => u.Requests), usage.Where(u => u.KeyId == key).Sum(u => u.Rejected));
            if (total == (requests, rejected)) return;
            Assert.True(total.Item1 <= requests, $"Counted more than sent: {total} for {requests} requests.\n{pair.Logs()}");
            await Task.Delay(200);
        }
        Assert.Fail($"Usage never showed {requests} requests ({rejected} rejected): {string.Join(", ", usage)}\n{pair.Logs()}");
    }

    private static async Task WaitForCountAsync(IDatabase database, RedisKey day, string field, long count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while ((long)await database.HashGetAsync(day, field) != count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The count in Redis never became {count}.");
            await Task.Delay(20);
        }
    }

    private static HttpClient Client(ServiceProcess instance, string key) => new()
    {
        BaseAddress = new Uri(instance.BaseUrl),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", key) },
    };
}
