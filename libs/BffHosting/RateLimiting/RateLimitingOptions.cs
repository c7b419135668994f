namespace BffPlatform.BffHosting.RateLimiting;

/// <summary>
/// A door's rate limits, per partition (a user, an API key): each policy has a burst limit, a
/// sustained limit, or both, and a request must pass every one. Bound from <c>RateLimiting</c>, e.g.
/// <c>RateLimiting:Policies:default:Burst:Permits=20</c>, <c>...:Burst:Window=00:00:01</c>,
/// <c>...:Sustained:Name=hour</c>, <c>...:Sustained:Permits=1000</c>, <c>...:Sustained:Window=01:00:00</c>.
/// </summary>
public sealed class RateLimitingOptions
{
    public const string SectionName = "RateLimiting";

    /// <summary>Off: no limit and no rate-limit headers (<c>RateLimiting__Enabled=false</c>).</summary>
    public bool Enabled { get; set; }

    /// <summary>Policies by name; endpoints name theirs with <c>RequireDoorRateLimit("name")</c>.</summary>
    public Dictionary<string, RateLimitPolicyOptions> Policies { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// What the limiter does while Redis (when <c>Redis:Configuration</c> is set) cannot be asked:
    /// <see cref="RedisFailureMode.Open"/> (the default) admits requests unlimited, <see cref="RedisFailureMode.Closed"/>
    /// refuses them with 503. Unused in the embedded default (counters in memory cannot be down).
    /// </summary>
    public RedisFailureMode RedisFailure { get; set; } = RedisFailureMode.Open;
}

public enum RedisFailureMode
{
    /// <summary>Stay available: admit every request, without limits or <c>RateLimit</c> header, until Redis is back.</summary>
    Open,

    /// <summary>Protect what is behind the door: refuse limited endpoints with 503 <c>rate_limit_unavailable</c>.</summary>
    Closed,
}

public sealed class RateLimitPolicyOptions
{
    /// <summary>Short window: what a client may send at once (a token bucket refilled each window). Named <c>burst</c> unless set.</summary>
    public RateLimitQuota? Burst { get; set; }

    /// <summary>Long window: what a client may send over time (a fixed window). Named <c>sustained</c> unless set.</summary>
    public RateLimitQuota? Sustained { get; set; }
}

/// <summary>One quota: <see cref="Permits"/> requests per <see cref="Window"/> (whole seconds).</summary>
public sealed class RateLimitQuota
{
    /// <summary>The quota's name in the <c>RateLimit</c> and <c>RateLimit-Policy</c> headers.</summary>
    public string? Name { get; set; }

    public int Permits { get; set; }

    public TimeSpan Window { get; set; }
}
