using Microsoft.Extensions.Caching.Memory;

namespace BffPlatform.BffWeb.Management;

/// <summary>Remembers values (logout token <c>jti</c>s) until they expire. In memory now; Redis later.</summary>
public interface IReplayCache
{
    /// <summary>Records <paramref name="value"/>; false when it was already recorded.</summary>
    bool TryAdd(string value, DateTimeOffset expiresAt);
}

internal sealed class MemoryReplayCache(IMemoryCache cache, TimeProvider time) : IReplayCache
{
    private readonly Lock _gate = new();

    public bool TryAdd(string value, DateTimeOffset expiresAt)
    {
        var key = "bff:replay:" + value;
        lock (_gate)
        {
            if (cache.TryGetValue(key, out _))
            {
                return false;
            }
            var lifetime = expiresAt - time.GetUtcNow();
            cache.Set(key, true, lifetime > TimeSpan.Zero ? lifetime : TimeSpan.FromSeconds(1));
            return true;
        }
    }
}
