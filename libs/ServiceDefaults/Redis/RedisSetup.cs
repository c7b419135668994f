using BffPlatform.ServiceDefaults.Health;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace BffPlatform.ServiceDefaults.Redis;

public static class RedisSetup
{
    /// <summary>True when <c>Redis:Configuration</c> is set (the scaled-out mode).</summary>
    public static bool IsRedisConfigured(this IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{RedisOptions.SectionName}:{nameof(RedisOptions.Configuration)}"]);

    /// <summary>
    /// When <c>Redis:Configuration</c> is set: one shared <see cref="IConnectionMultiplexer"/> (it
    /// never aborts on a failed connect, so the service starts and keeps retrying while Redis is
    /// down, and recovers without a restart), <see cref="RedisOptions"/> and a <c>redis</c> check in
    /// <c>/health/ready</c>. Returns whether Redis is configured; calling it twice is harmless.
    /// </summary>
    public static bool AddPlatformRedis(this IHostApplicationBuilder builder)
    {
        if (!builder.Configuration.IsRedisConfigured())
        {
            return false;
        }
        var services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(IConnectionMultiplexer)))
        {
            return true;
        }
        services.AddOptions<RedisOptions>().Bind(builder.Configuration.GetSection(RedisOptions.SectionName));
        services.AddSingleton<IConnectionMultiplexer>(sp =>
        {
            var options = ConfigurationOptions.Parse(builder.Configuration[$"{RedisOptions.SectionName}:{nameof(RedisOptions.Configuration)}"]!);
            options.AbortOnConnectFail = false;
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("BffPlatform.Redis");
            var connection = ConnectionMultiplexer.Connect(options);
            connection.ConnectionFailed += (_, e) => logger.LogWarning("Redis connection to {Endpoint} failed ({FailureType}); retrying", e.EndPoint, e.FailureType);
            connection.ConnectionRestored += (_, e) => logger.LogInformation("Redis connection to {Endpoint} restored", e.EndPoint);
            return connection;
        });
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: [HealthEndpoints.ReadyTag]);
        return true;
    }
}

/// <summary>Ready only while Redis answers a PING.</summary>
internal sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            return HealthCheckResult.Healthy($"PING {latency.TotalMilliseconds:0.#} ms");
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("Redis does not answer", e);
        }
    }
}
