using System.ComponentModel.DataAnnotations;

namespace BffPlatform.PublicApi.Keys;

/// <summary>How long public-api trusts core-api's word on a key. Bound from <c>ApiKeys</c>.</summary>
public sealed class ApiKeyOptions
{
    public const string SectionName = "ApiKeys";

    /// <summary>
    /// A verified key is used this long without asking core-api again: the hot path costs no round
    /// trip, and a revoked key stops working within this time (never later than its own expiry).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A refused key is refused this long without asking again, so a caller retrying a bad key cannot load core-api.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan RefusalCacheDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Keys remembered at most (verified and refused together); the least recently used go first.</summary>
    [Range(100, 10_000_000)]
    public int MaxCachedKeys { get; set; } = 100_000;
}
