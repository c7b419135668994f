using BffPlatform.Contracts.Partners;
using BffPlatform.ServiceDefaults.Redis;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace BffPlatform.PublicApi.Keys;

/// <summary>
/// Scaled out: hears core-api's announcements of keys that stopped or changed being valid
/// (<see cref="ApiKeyChanges"/>, Redis pub/sub) and drops them from this instance's verification
/// cache at once. Pub/sub keeps nothing for a subscriber that is away, so while the subscription is
/// down a revoked key keeps working here until its cached answer ages out (<c>ApiKeys:CacheDuration</c>):
/// logged, and <c>/health/ready</c> shows <c>api-key-changes</c> Degraded. StackExchange.Redis
/// subscribes again by itself when the connection returns; then the whole cache is emptied,
/// because whatever was announced meanwhile was missed.
/// </summary>
internal sealed partial class ApiKeyChangeListener(
    IConnectionMultiplexer redis,
    IOptions<RedisOptions> redisOptions,
    ApiKeyVerifier verifier,
    ILogger<ApiKeyChangeListener> logger) : IHostedService, IHealthCheck
{
    public const string HealthCheckName = "api-key-changes";

    private readonly RedisChannel _channel = RedisChannel.Literal(ApiKeyChanges.Channel(redisOptions.Value.KeyPrefix));
    private readonly SemaphoreSlim _catchingUp = new(1, 1);
    private volatile bool _listening;

    /// <summary>True while announcements reach this instance.</summary>
    public bool IsListening => _listening;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionFailed += OnConnectionFailed;
        redis.ConnectionRestored += OnConnectionRestored;
        // Not awaited: with Redis down the service starts anyway. The handler is registered with the
        // multiplexer even when SUBSCRIBE fails, and is subscribed when the connection comes.
        _ = Task.Run(SubscribeAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionFailed -= OnConnectionFailed;
        redis.ConnectionRestored -= OnConnectionRestored;
        _listening = false;
        try
        {
            if (redis.IsConnected) await redis.GetSubscriber().UnsubscribeAsync(_channel).WaitAsync(cancellationToken);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or OperationCanceledException)
        {
            // Going away anyway.
        }
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_listening
            ? HealthCheckResult.Healthy("Key changes announced by core-api reach this instance.")
            : HealthCheckResult.Degraded("Not subscribed to key changes: a revoked key works here until its cached verification ages out (ApiKeys:CacheDuration)."));

    /// <summary>One announcement: the keys it names are forgotten; one that cannot be read empties the cache (safe side).</summary>
    internal void OnMessage(RedisValue message)
    {
        if (ApiKeyChanges.TryParse(message.ToString(), out var hashIds))
        {
            verifier.Forget(hashIds);
            LogForgotten(logger, hashIds.Count);
            return;
        }
        verifier.Clear();
        LogUnreadable(logger);
    }

    private async Task SubscribeAsync()
    {
        try
        {
            await redis.GetSubscriber().SubscribeAsync(_channel, (_, message) => OnMessage(message));
            await CatchUpAsync();
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogNotListening(logger, e.Message);
        }
    }

    /// <summary>
    /// After (re)subscribing: a PING on the subscription connection is answered after the SUBSCRIBE sent
    /// before it, so from then on no announcement is missed; what came before is dropped with the cache.
    /// </summary>
    private async Task CatchUpAsync()
    {
        await _catchingUp.WaitAsync();
        try
        {
            var subscriber = redis.GetSubscriber();
            await subscriber.PingAsync();
            if (!subscriber.IsConnected(_channel)) return;
            var dropped = verifier.Count;
            verifier.Clear();
            _listening = true;
            LogListening(logger, dropped);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogNotListening(logger, e.Message);
        }
        finally
        {
            _catchingUp.Release();
        }
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        if (!_listening) return;
        _listening = false;
        LogNotListening(logger, $"{e.ConnectionType} connection to {e.EndPoint} failed: {e.FailureType}");
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e) => _ = Task.Run(CatchUpAsync);

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for API-key changes announced by core-api; {Dropped} cached verifications dropped (announcements made before may have been missed)")]
    private static partial void LogListening(ILogger logger, int dropped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not listening for API-key changes ({Reason}): a revoked key works here until its cached verification ages out (ApiKeys:CacheDuration); the cache is emptied when Redis returns")]
    private static partial void LogNotListening(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Forgot {Count} API keys announced as changed")]
    private static partial void LogForgotten(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An API-key change announcement could not be read; every cached verification is dropped")]
    private static partial void LogUnreadable(ILogger logger);
}
