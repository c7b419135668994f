namespace BffPlatform.ServiceDefaults.Redis;

/// <summary>
/// Bound from <c>Redis</c>. Empty <see cref="Configuration"/> is the embedded default: no Redis,
/// every piece of fast state stays in process memory. Set it (the same key in every service) to
/// share that state between instances (see docs/state-inventory.md).
/// </summary>
public sealed class RedisOptions
{
    public const string SectionName = "Redis";

    /// <summary>A StackExchange.Redis configuration string, e.g. <c>redis:6379,password=...,ssl=true</c>.</summary>
    public string Configuration { get; set; } = "";

    /// <summary>Prefix of every key and channel, so several platforms can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "bffplatform:";
}
