using BffPlatform.Testing.Servers;

namespace BffPlatform.BffHosting.Tests.RateLimiting;

/// <summary>One real Redis for a test class; tests keep apart by a key prefix of their own.</summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    public LocalRedis Redis { get; private set; } = null!;

    public async Task InitializeAsync() => Redis = await LocalRedis.StartNewAsync();

    public async Task DisposeAsync() => await Redis.DisposeAsync();

    /// <summary>The door's settings on this Redis, under a prefix no other test uses.</summary>
    public Dictionary<string, string?> On(Dictionary<string, string?> settings) => OnRedis(Redis, settings);

    public static Dictionary<string, string?> OnRedis(LocalRedis redis, Dictionary<string, string?> settings)
    {
        settings["Redis:Configuration"] = redis.Configuration;
        settings["Redis:KeyPrefix"] = $"test-{Guid.NewGuid():N}:";
        return settings;
    }
}
