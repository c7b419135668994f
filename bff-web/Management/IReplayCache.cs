using Microsoft.Extensions.Caching.Memory;

namespace BffPlatform.BffWeb.Management;

/// <summary>
/// Remembers values (logout token <c>jti</c>s) until they expire: in process memory, or in Redis
/// (<see cref="RedisReplayCache"/>) when several instances receive back-channel logouts.
/// </summary>
public interface IReplayCache
{
    /// <summary>Records <paramref name="value"/>; false when it was already recorded.</summary>
    Task<bool> TryAddAsync(string value, DateTimeOffset expiresAt, CancellationToken cancellationToken);
}

internal sealed class MemoryReplayCache(IMemoryCache cache, TimeProvider time) : IReplayCache
{
    private readonly Lock _gate = new();

    public Task<bool> TryAddAsync(string value, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var key = "bff:replay:" + value;
        lock (_gate)
        {
            if (cache.TryGetValue(key, out _))
            {
                return Task.FromResult(false);
            }
            cache.Set(key, true, ReplayLifetime.Until(expiresAt, time));
            return Task.FromResult(true);
        }
    }
}

internal static class ReplayLifetime
{
    /// <summary>How long to remember a value that expires at <paramref name="expiresAt"/> (at least a second).</summary>
    public static TimeSpan Until(DateTimeOffset expiresAt, TimeProvider time)
    {
        var lifetime = expiresAt - time.GetUtcNow();
        return lifetime > TimeSpan.Zero ? lifetime : TimeSpan.FromSeconds(1);
    }
}
