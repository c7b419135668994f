using BffPlatform.ServiceDefaults.Redis;
using Medallion.Threading.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace BffPlatform.BffWeb.Sessions;

/// <summary>
/// The per-session refresh lock across every instance sharing one Redis (DistributedLock.Redis:
/// SET NX PX with a random value, extended while held, released by compare-and-delete). A holder
/// that dies leaves the lock to expire. Keyed by a hash of the session key: the key is the cookie's secret.
/// </summary>
internal sealed class RedisSessionLock(IConnectionMultiplexer redis, IOptions<RedisOptions> options) : ISessionLock
{
    /// <summary>Longer than a refresh at identity may take (its client times out after 10 s).</summary>
    internal static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(15);

    public async ValueTask<IAsyncDisposable> AcquireAsync(string sessionKey, CancellationToken cancellationToken)
    {
        if (!redis.IsConnected)
        {
            // Known down: refuse now rather than queue behind the multiplexer's reconnect for seconds.
            throw new SessionLockUnavailableException("Redis is not connected.");
        }
        var key = $"{options.Value.KeyPrefix}bff-web:session-lock:{SessionKeyHash.Of(sessionKey)}";
        var distributed = new RedisDistributedLock(key, redis.GetDatabase(), o => o
            .Expiry(TimeSpan.FromSeconds(30))
            .BusyWaitSleepTime(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(50)));
        try
        {
            return await distributed.AcquireAsync(WaitLimit, cancellationToken);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            throw new SessionLockUnavailableException($"The session lock could not be taken: {e.Message}", e);
        }
    }
}
