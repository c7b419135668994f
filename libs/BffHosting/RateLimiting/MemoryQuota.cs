using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace BffPlatform.BffHosting.RateLimiting;

/// <summary>
/// A quota in this process's memory: a <see cref="PartitionedRateLimiter{TResource}"/> of
/// System.Threading.RateLimiting, plus when each partition's window started, which the limiters do
/// not tell and the <c>RateLimit</c> header's <c>t</c> needs.
/// </summary>
internal sealed class MemoryQuota : Quota
{
    // Above this many remembered window starts, those older than a window are forgotten (their
    // partitions are idle and their limiters evicted or about to be).
    private const int MaxRemembered = 100_000;
    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _started = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public MemoryQuota(string name, RateLimitQuota quota, bool burst, TimeProvider time) : base(name, quota)
    {
        _time = time;
        // The partitioned limiter replenishes its partitions itself (AutoReplenishment off), from the
        // moment each partition is first used: that moment is remembered here. A token bucket refilled
        // whole each window admits what a fixed window does; RedisQuota relies on that.
        _limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.Get(key, k =>
        {
            Remember(k);
            return burst
                ? new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
                {
                    TokenLimit = quota.Permits, TokensPerPeriod = quota.Permits, ReplenishmentPeriod = quota.Window,
                    QueueLimit = 0, AutoReplenishment = false,
                })
                : new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
                {
                    PermitLimit = quota.Permits, Window = quota.Window, QueueLimit = 0, AutoReplenishment = false,
                });
        }));
    }

    public override ValueTask<QuotaAnswer> AcquireAsync(string partition, CancellationToken cancellationToken)
    {
        using var lease = _limiter.AttemptAcquire(partition);
        var remaining = lease.IsAcquired ? Math.Max(0, _limiter.GetStatistics(partition)?.CurrentAvailablePermits ?? Permits) : 0;
        return ValueTask.FromResult(new QuotaAnswer(lease.IsAcquired, remaining, SecondsToReset(partition)));
    }

    public override void Dispose() => _limiter.Dispose();

    /// <summary>Whole seconds until the partition's window ends and its quota is whole again (at least 1).</summary>
    private long SecondsToReset(string partition)
    {
        var started = _started.TryGetValue(partition, out var at) ? at : _time.GetUtcNow();
        var intoWindow = (_time.GetUtcNow() - started).Ticks % Window.Ticks;
        return Math.Max(1, (long)Math.Ceiling(TimeSpan.FromTicks(Window.Ticks - intoWindow).TotalSeconds));
    }

    private void Remember(string partition)
    {
        var now = _time.GetUtcNow();
        _started[partition] = now;
        if (_started.Count > MaxRemembered)
        {
            foreach (var (key, started) in _started)
            {
                if (now - started > Window) _started.TryRemove(key, out _);
            }
        }
    }
}
