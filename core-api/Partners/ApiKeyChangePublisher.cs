using BffPlatform.Contracts.Partners;
using BffPlatform.ServiceDefaults.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace BffPlatform.CoreApi.Partners;

/// <summary>
/// Tells every public-api instance, over Redis pub/sub (<see cref="ApiKeyChanges"/>), that keys
/// stopped or changed being valid, so they drop their cached verifications at once instead of
/// after <c>ApiKeys:CacheDuration</c>. Called after the change is committed: an instance that asks
/// again on the message reads the new state. Embedded (no Redis): nothing to tell, one instance's
/// cache time is the bound. A failure to publish never fails the staff action that caused it:
/// the change is committed and the cache time still bounds it; it is logged.
/// </summary>
public sealed partial class ApiKeyChangePublisher(IServiceProvider services, ILogger<ApiKeyChangePublisher> logger)
{
    // The wait for Redis is bounded: the staff action is already done.
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(2);

    private readonly IConnectionMultiplexer? _redis = services.GetService<IConnectionMultiplexer>();
    private readonly RedisChannel _channel = RedisChannel.Literal(
        ApiKeyChanges.Channel(services.GetService<IOptions<RedisOptions>>()?.Value.KeyPrefix ?? new RedisOptions().KeyPrefix));

    /// <summary>Announces the keys with these stored hashes; returns how many public-api instances heard it (0 embedded or on failure).</summary>
    public async Task<long> PublishAsync(IReadOnlyCollection<byte[]> hashes)
    {
        if (_redis is null || hashes.Count == 0)
        {
            return 0;
        }
        if (!_redis.IsConnected)
        {
            // Not queued for later: the multiplexer's backlog would hold the staff action for its whole timeout.
            LogNotPublished(logger, hashes.Count, "Redis is unreachable");
            return 0;
        }
        try
        {
            var subscriber = _redis.GetSubscriber();
            long heard = 0;
            foreach (var message in ApiKeyChanges.Messages(hashes))
            {
                // Awaited: PUBLISH answers once Redis handed the message to every subscriber.
                heard = await subscriber.PublishAsync(_channel, message).WaitAsync(PublishTimeout);
            }
            return heard;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogNotPublished(logger, hashes.Count, e.Message);
            return 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Could not tell public-api instances about {Count} changed API keys ({Error}); they keep their cached verification at most ApiKeys:CacheDuration")]
    private static partial void LogNotPublished(ILogger logger, int count, string error);
}
