using BffPlatform.ServiceDefaults.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace BffPlatform.BffWeb.Management;

/// <summary>
/// The replay cache shared by every instance: <c>SET key 1 NX PX</c>, so of two instances
/// offered the same logout token, exactly one accepts it.
/// </summary>
internal sealed partial class RedisReplayCache(
    IConnectionMultiplexer redis,
    IOptions<RedisOptions> options,
    TimeProvider time,
    ILogger<RedisReplayCache> logger) : IReplayCache
{
    public async Task<bool> TryAddAsync(string value, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var key = $"{options.Value.KeyPrefix}bff-web:replay:{value}";
        try
        {
            if (!redis.IsConnected)
            {
                throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, "Redis is not connected.");
            }
            return await redis.GetDatabase()
                .StringSetAsync(key, 1, ReplayLifetime.Until(expiresAt, time), When.NotExists)
                .WaitAsync(cancellationToken);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // A logout token only ever ends sessions: refusing it for want of the replay check would
            // keep signed in whom identity signed out. A replay can only end what it names again.
            LogUnchecked(logger, e.Message);
            return true;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Logout token accepted without its replay check: Redis is unreachable ({Error})")]
    private static partial void LogUnchecked(ILogger logger, string error);
}
