using System.Net;
using BffPlatform.Contracts.Clients;
using BffPlatform.Contracts.Partners;
using BffPlatform.PublicApi.Keys;
using BffPlatform.ServiceDefaults.Redis;
using BffPlatform.Testing.Servers;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Refit;
using StackExchange.Redis;

namespace BffPlatform.PublicApi.Tests.Keys;

/// <summary>
/// The listener on a real Redis: an announcement empties exactly the keys it names; one it cannot read
/// empties everything; after Redis comes back the subscription works again without a restart and the
/// cache starts empty (what was announced meanwhile was missed).
/// </summary>
public sealed class ApiKeyChangeListenerTests : IAsyncLifetime
{
    private const string Prefix = "listener-test:";
    private readonly CountingGateway _core = new();
    private LocalRedis _redis = null!;
    private ConnectionMultiplexer _connection = null!;
    private ConnectionMultiplexer _publisher = null!;
    private ApiKeyVerifier _verifier = null!;
    private ApiKeyChangeListener _listener = null!;

    public async Task InitializeAsync()
    {
        _redis = await LocalRedis.StartNewAsync();
        _connection = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
        _publisher = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
        _verifier = new ApiKeyVerifier(_core, Options.Create(new ApiKeyOptions { CacheDuration = TimeSpan.FromMinutes(10) }), TimeProvider.System);
        _listener = new ApiKeyChangeListener(_connection, Options.Create(new RedisOptions { KeyPrefix = Prefix }), _verifier, NullLogger<ApiKeyChangeListener>.Instance);
        await _listener.StartAsync(default);
        await UntilAsync(() => _listener.IsListening, "the listener never subscribed");
    }

    public async Task DisposeAsync()
    {
        await _listener.StopAsync(default);
        _verifier.Dispose();
        await _connection.DisposeAsync();
        await _publisher.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task An_announcement_drops_the_keys_it_names_and_no_other()
    {
        var (revoked, kept) = (NewKey(), NewKey());
        await _verifier.VerifyAsync(revoked, default);
        await _verifier.VerifyAsync(kept, default);

        await PublishAsync(ApiKeyChanges.Messages([ApiKeyFormat.Hash(revoked.Value)]).Single());

        await UntilAsync(() => _verifier.Count == 1, "the announced key was not dropped");
        await _verifier.VerifyAsync(kept, default);
        Assert.Equal(2, _core.Calls);
        await _verifier.VerifyAsync(revoked, default);
        Assert.Equal(3, _core.Calls);
    }

    [Fact]
    public async Task An_unreadable_announcement_drops_every_key()
    {
        await _verifier.VerifyAsync(NewKey(), default);
        await _verifier.VerifyAsync(NewKey(), default);

        await PublishAsync("v2 something-else");

        await UntilAsync(() => _verifier.Count == 0, "an unreadable announcement left keys cached");
    }

    [Fact]
    public async Task After_redis_restarts_the_cache_starts_empty_and_announcements_arrive_again()
    {
        Assert.Equal(HealthStatus.Healthy, (await _listener.CheckHealthAsync(new HealthCheckContext())).Status);

        await _redis.StopAsync();
        await UntilAsync(() => !_listener.IsListening, "the listener did not notice Redis going away");
        Assert.Equal(HealthStatus.Degraded, (await _listener.CheckHealthAsync(new HealthCheckContext())).Status);
        // Verified while no announcement can arrive: kept only until Redis returns.
        await _verifier.VerifyAsync(NewKey(), default);
        Assert.Equal(1, _verifier.Count);

        await _redis.StartAsync();
        await UntilAsync(() => _listener.IsListening, "the listener never listened again");
        Assert.Equal(0, _verifier.Count);

        var key = NewKey();
        await _verifier.VerifyAsync(key, default);
        await UntilAsync(() => _publisher.IsConnected, "the publisher never reconnected");
        await PublishAsync(ApiKeyChanges.Messages([ApiKeyFormat.Hash(key.Value)]).Single());
        await UntilAsync(() => _verifier.Count == 0, "an announcement after the restart did not arrive");
    }

    private async Task PublishAsync(string message) =>
        Assert.Equal(1, await _publisher.GetSubscriber().PublishAsync(RedisChannel.Literal(ApiKeyChanges.Channel(Prefix)), message));

    private static ParsedApiKey NewKey()
    {
        Assert.True(ApiKeyFormat.TryParse(ApiKeyFormat.Generate(ApiKeyKinds.Live), out var key));
        return key;
    }

    private static async Task UntilAsync(Func<bool> condition, string failure)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(20);
        }
    }

    /// <summary>core-api saying every key is valid, counting the questions.</summary>
    private sealed class CountingGateway : ICorePartnerGatewayApi
    {
        private int _calls;
        public int Calls => Volatile.Read(ref _calls);

        public Task<IApiResponse<ApiKeyVerificationDto>> VerifyKeyAsync(VerifyApiKeyRequest request, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            var response = new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = new HttpRequestMessage(HttpMethod.Post, "http://core.test/") };
            return Task.FromResult<IApiResponse<ApiKeyVerificationDto>>(new ApiResponse<ApiKeyVerificationDto>(response,
                new ApiKeyVerificationDto(Guid.NewGuid(), Guid.NewGuid(), "P", "free", ApiKeyKinds.Live, PartnerEnvironments.Live, PartnerScopes.All, null),
                new RefitSettings()));
        }

        public Task<IApiResponse> ReportUsageAsync(UsageReportRequest request, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }
}
