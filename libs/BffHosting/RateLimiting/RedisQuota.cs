using System.Threading.RateLimiting;
using RedisRateLimiting;
using StackExchange.Redis;

namespace BffPlatform.BffHosting.RateLimiting;

/// <summary>
/// A quota kept in Redis and shared by every instance of the door: RedisRateLimiting's fixed window
/// (one Lua script counts and checks atomically, so a limit of N admits exactly N across instances).
/// The burst quota is a fixed window here too: in memory it is a token bucket refilled whole once per
/// window, which admits the same. RedisRateLimiting's token bucket is not used: its keys live two
/// replenishment periods' worth of whole-bucket fills, not a window, and it tells no reset time.
/// </summary>
internal sealed class RedisQuota : Quota
{
    private readonly IConnectionMultiplexer _redis;
    private readonly PartitionedRateLimiter<string> _limiter;

    /// <param name="keyPrefix">Names the door and policy, e.g. <c>bffplatform:ratelimit:public-api:free:hour:</c>.</param>
    public RedisQuota(string name, RateLimitQuota quota, IConnectionMultiplexer redis, string keyPrefix) : base(name, quota)
    {
        _redis = redis;
        var options = new RedisFixedWindowRateLimiterOptions
        {
            ConnectionMultiplexerFactory = () => redis,
            PermitLimit = quota.Permits,
            Window = quota.Window,
        };
        _limiter = PartitionedRateLimiter.Create<string, string>(partition =>
            RedisRateLimitPartition.GetFixedWindowRateLimiter(keyPrefix + partition, _ => options));
    }

    public override async ValueTask<QuotaAnswer> AcquireAsync(string partition, CancellationToken cancellationToken)
    {
        // While the connection is down, a command would wait in the client's backlog for its whole
        // timeout: answer at once instead (fail open or closed is the caller's choice).
        if (!_redis.IsConnected) return QuotaAnswer.CouldNotAsk;
        try
        {
            using var lease = await _limiter.AcquireAsync(partition, 1, cancellationToken);
            var remaining = lease.TryGetMetadata(RateLimitMetadataName.Remaining, out var left) ? left : 0;
            var reset = lease.TryGetMetadata(RateLimitMetadataName.RetryAfter, out var seconds) ? seconds : (long)Window.TotalSeconds;
            return new QuotaAnswer(lease.IsAcquired, lease.IsAcquired ? remaining : 0, Math.Max(1, reset));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return QuotaAnswer.CouldNotAsk;
        }
    }

    public override void Dispose() => _limiter.Dispose();
}
