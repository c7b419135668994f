using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using BffPlatform.Contracts.Partners;
using BffPlatform.Testing.Processes;

namespace BffPlatform.ScaledOut.Tests.PublicApiKeys;

/// <summary>
/// A key revoked by staff through core-api stops on every public-api instance at once: core-api announces
/// it over Redis and each instance drops its cached verification. Each instance caches for
/// <see cref="KeysPair.CacheDuration"/>; a refusal within <see cref="Deadline"/> can only come from the broadcast.
/// </summary>
[Collection(KeysPairCollection.Name)]
public sealed class KeyRevocationBroadcastTests(KeysPair pair)
{
    /// <summary>Far below the cache time: the announcement takes milliseconds; the rest is a slow machine's margin.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_key_revoked_through_core_api_is_refused_by_both_instances_long_before_their_cache_time()
    {
        await pair.EnsureBothRunningAsync();
        await AssertRevocationReachesBothAsync();
    }

    [Fact]
    public async Task After_redis_restarts_the_instances_listen_again_without_a_restart_and_the_broadcast_works()
    {
        await pair.EnsureBothRunningAsync();

        await pair.Redis.StopAsync();
        // While announcements cannot arrive, each instance says so (the cache time is then the bound).
        await WaitForCheckAsync(pair.First, "api-key-changes", "Degraded");
        await WaitForCheckAsync(pair.Second, "api-key-changes", "Degraded");

        await pair.Redis.StartAsync();
        await WaitForCheckAsync(pair.First, "api-key-changes", "Healthy");
        await WaitForCheckAsync(pair.Second, "api-key-changes", "Healthy");
        // core-api publishes only once its own connection is back (ready again).
        await pair.Core.WaitUntilReadyAsync("/health/ready", TimeSpan.FromSeconds(30));

        await AssertRevocationReachesBothAsync();
    }

    private async Task AssertRevocationReachesBothAsync()
    {
        var partner = await pair.Staff.CreatePartnerAsync("Revoked " + Guid.NewGuid().ToString("N")[..8]);
        var issued = await pair.Staff.IssueKeyAsync(partner.Id, ApiKeyKinds.Live, [PartnerScopes.CatalogRead]);
        using var first = Client(pair.First, issued.Secret);
        using var second = Client(pair.Second, issued.Secret);
        // Both instances verify the key once and cache the answer.
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/api/v2/ping")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/v2/ping")).StatusCode);

        await pair.Staff.RevokeKeyAsync(partner.Id, issued.Key.Id);

        await AssertRevokedWithinDeadlineAsync(first, pair.First.Name);
        await AssertRevokedWithinDeadlineAsync(second, pair.Second.Name);
    }

    private async Task AssertRevokedWithinDeadlineAsync(HttpClient client, string instance)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            using var response = await client.GetAsync("/api/v2/ping");
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                Assert.Equal("api_key_revoked", problem["code"]?.GetValue<string>());
                return;
            }
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(DateTime.UtcNow < deadline, $"{instance} still accepted the revoked key {Deadline.TotalSeconds} s after the revocation (cache time {KeysPair.CacheDuration}).\n{pair.Logs()}");
            await Task.Delay(50);
        }
    }

    private async Task WaitForCheckAsync(ServiceProcess instance, string check, string status)
    {
        using var http = new HttpClient { BaseAddress = new Uri(instance.BaseUrl), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        string? last = null;
        while (DateTime.UtcNow < deadline)
        {
            using var response = await http.GetAsync("/health/ready");
            last = await response.Content.ReadAsStringAsync();
            if (JsonNode.Parse(last)?["checks"]?[check]?.GetValue<string>() == status) return;
            await Task.Delay(100);
        }
        Assert.Fail($"{instance.Name}'s {check} never became {status}; last /health/ready: {last}\n{pair.Logs()}");
    }

    private static HttpClient Client(ServiceProcess instance, string key) => new()
    {
        BaseAddress = new Uri(instance.BaseUrl),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", key) },
    };
}
