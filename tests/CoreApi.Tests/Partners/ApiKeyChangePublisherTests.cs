using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using BffPlatform.Contracts.Partners;
using BffPlatform.CoreApi.Tests.Infrastructure;
using BffPlatform.Testing.Servers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace BffPlatform.CoreApi.Tests.Partners;

/// <summary>
/// Scaled out, core-api announces every committed change that makes a key stop or change being valid,
/// naming keys by their stored hash; a Redis that is away never fails the staff action.
/// </summary>
public sealed class ApiKeyChangePublisherTests(ApiKeyChangePublisherTests.OnRedis app) : IClassFixture<ApiKeyChangePublisherTests.OnRedis>, IAsyncLifetime
{
    private readonly ConcurrentQueue<string> _heard = new();
    private ConnectionMultiplexer _listener = null!;

    public async Task InitializeAsync()
    {
        await app.EnsureRedisRunningAsync();
        _listener = await ConnectionMultiplexer.ConnectAsync(app.Redis.Configuration);
        await _listener.GetSubscriber().SubscribeAsync(RedisChannel.Literal(ApiKeyChanges.Channel(OnRedis.Prefix)), (_, message) => _heard.Enqueue(message.ToString()));
    }

    public async Task DisposeAsync() => await _listener.DisposeAsync();

    [Fact]
    public async Task Revoking_announces_the_keys_stored_hash_and_revoking_again_repeats_it()
    {
        var partner = await app.CreatePartnerAsync();
        var key = await app.IssueKeyAsync(partner.Id);
        var hash = Convert.ToHexStringLower(await StoredHashAsync(key.Key.Id));

        await RevokeAsync(partner.Id, key.Key.Id);
        await HeardAsync(hash);
        await RevokeAsync(partner.Id, key.Key.Id);
        await HeardAsync(hash, times: 2);

        Assert.All(_heard, message => Assert.DoesNotContain(key.Secret, message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rolling_announces_the_old_key_whose_end_moved()
    {
        var partner = await app.CreatePartnerAsync();
        var key = await app.IssueKeyAsync(partner.Id);

        var rolled = await app.PartnerAdminClient().PostAsJsonAsync($"/api/v1/partners/{partner.Id}/keys/{key.Key.Id}/roll", new RollApiKeyRequest(0));

        Assert.Equal(HttpStatusCode.Created, rolled.StatusCode);
        await HeardAsync(Convert.ToHexStringLower(await StoredHashAsync(key.Key.Id)));
    }

    [Fact]
    public async Task Changing_a_partner_announces_its_keys_that_still_work()
    {
        var partner = await app.CreatePartnerAsync("Announced");
        var (live, test, revoked) = (await app.IssueKeyAsync(partner.Id), await app.IssueKeyAsync(partner.Id, ApiKeyKinds.Test), await app.IssueKeyAsync(partner.Id));
        await RevokeAsync(partner.Id, revoked.Key.Id);
        await HeardAsync(Convert.ToHexStringLower(await StoredHashAsync(revoked.Key.Id)));
        _heard.Clear();
        var stillWorking = new[] { Convert.ToHexStringLower(await StoredHashAsync(live.Key.Id)), Convert.ToHexStringLower(await StoredHashAsync(test.Key.Id)) };

        var updated = await app.PartnerAdminClient().PutAsJsonAsync($"/api/v1/partners/{partner.Id}", new UpdatePartnerRequest("Announced", "pro", false));

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        await HeardAsync(stillWorking[0]);
        Assert.True(ApiKeyChanges.TryParse(Assert.Single(_heard), out var ids));
        Assert.Equal(stillWorking.Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Redis_away_the_revocation_still_succeeds_and_is_committed()
    {
        var partner = await app.CreatePartnerAsync();
        var key = await app.IssueKeyAsync(partner.Id);
        await app.Redis.StopAsync();
        try
        {
            var response = await app.PartnerAdminClient().PostAsync($"/api/v1/partners/{partner.Id}/keys/{key.Key.Id}/revoke", null);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.NotNull(await app.WithDbAsync(db => db.ApiKeys.AsNoTracking().Where(k => k.Id == key.Key.Id).Select(k => k.RevokedAt).SingleAsync()));
        }
        finally
        {
            await app.Redis.StartAsync();
        }
    }

    private async Task RevokeAsync(Guid partner, Guid key) =>
        Assert.Equal(HttpStatusCode.OK, (await app.PartnerAdminClient().PostAsync($"/api/v1/partners/{partner}/keys/{key}/revoke", null)).StatusCode);

    private Task<byte[]> StoredHashAsync(Guid key) => app.WithDbAsync(db => db.ApiKeys.AsNoTracking().Where(k => k.Id == key).Select(k => k.Hash).SingleAsync());

    private async Task HeardAsync(string hashId, int times = 1)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (_heard.Count(m => m.Split(' ').Contains(hashId)) < times)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{hashId} was not announced {times} time(s); heard: {string.Join(" | ", _heard)}");
            await Task.Delay(20);
        }
    }

    /// <summary>core-api with <c>Redis:Configuration</c> set, on a Redis of its own.</summary>
    public sealed class OnRedis : CoreApiFactory
    {
        public const string Prefix = "publisher-test:";

        public LocalRedis Redis { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            Redis = await LocalRedis.StartNewAsync();
            await base.InitializeAsync();
        }

        /// <summary>Waits for core-api's connection to Redis (a test that stopped and started Redis leaves it reconnecting).</summary>
        public async Task EnsureRedisRunningAsync()
        {
            var multiplexer = (IConnectionMultiplexer)Services.GetService(typeof(IConnectionMultiplexer))!;
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (!multiplexer.IsConnected)
            {
                Assert.True(DateTime.UtcNow < deadline, "core-api never connected to Redis");
                await Task.Delay(20);
            }
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing) Redis?.StopAsync().GetAwaiter().GetResult();
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Redis:Configuration", Redis.Configuration);
            builder.UseSetting("Redis:KeyPrefix", Prefix);
        }
    }
}
