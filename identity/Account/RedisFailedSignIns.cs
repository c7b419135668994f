using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BffPlatform.Identity.Configuration;
using BffPlatform.ServiceDefaults.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace BffPlatform.Identity.Account;

/// <summary>
/// <see cref="FailedSignIns"/> in Redis, shared by every identity instance: guesses spread over many
/// instances count together. Each check-and-count is one Lua script, atomic across instances. Redis
/// forgets an entry by itself once <see cref="SignInOptions.FailureMemory"/> has passed.
/// </summary>
/// <remarks>
/// Fails open: while Redis is unreachable an attempt goes ahead without a wait and is counted nowhere.
/// Failing closed would make a Redis outage a sign-in outage for every user; what still stands in an
/// attacker's way meanwhile is the per-address throttle, the cost of each password check, and an
/// outage that shows on <c>/health/ready</c>. A disconnected multiplexer is not even asked (its backlog
/// would hold the sign-in for the whole command timeout).
/// </remarks>
internal sealed partial class RedisFailedSignIns(
    IConnectionMultiplexer redis,
    IOptions<RedisOptions> redisOptions,
    TimeProvider time,
    IOptionsMonitor<IdentityServerOptions> options,
    ILogger<RedisFailedSignIns> logger) : FailedSignIns
{
    // KEYS[1] the entry (hash: a = attempts, l = last attempt, ms); ARGV now, free, first delay, max delay, memory (ms).
    // Returns -1 when the attempt was counted and may go ahead, else the wait in ms (nothing counted).
    private const string UntrustedScript = """
        local a = tonumber(redis.call('HGET', KEYS[1], 'a') or '0')
        local l = tonumber(redis.call('HGET', KEYS[1], 'l') or '0')
        local now = tonumber(ARGV[1])
        if a > 0 and now - l >= tonumber(ARGV[5]) then a = 0 end
        local excess = a - tonumber(ARGV[2])
        if a > 0 and excess >= 0 then
          local delay = math.min(tonumber(ARGV[3]) * (2 ^ math.min(excess, 30)), tonumber(ARGV[4]))
          local wait = l + delay - now
          if wait > 0 then return math.ceil(wait) end
        end
        redis.call('HSET', KEYS[1], 'a', a + 1, 'l', now)
        redis.call('PEXPIRE', KEYS[1], ARGV[5])
        return -1
        """;

    // KEYS[1] the device's entry; ARGV now, failure limit, memory (ms). Returns 1 when counted and trusted, 0 when over the limit.
    private const string TrustedScript = """
        local a = tonumber(redis.call('HGET', KEYS[1], 'a') or '0')
        local l = tonumber(redis.call('HGET', KEYS[1], 'l') or '0')
        local now = tonumber(ARGV[1])
        if a > 0 and now - l >= tonumber(ARGV[3]) then a = 0 end
        if a >= tonumber(ARGV[2]) then return 0 end
        redis.call('HSET', KEYS[1], 'a', a + 1, 'l', now)
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
        return 1
        """;

    private SignInOptions Settings => options.CurrentValue.SignIn;

    public override async ValueTask<TimeSpan?> TryBeginUntrustedAsync(string accountKey, CancellationToken cancellationToken)
    {
        var settings = Settings;
        var result = await EvaluateAsync(UntrustedScript, accountKey,
        [
            time.GetUtcNow().ToUnixTimeMilliseconds(), settings.UntrustedFreeFailures,
            Milliseconds(settings.UntrustedFirstDelay), Milliseconds(settings.UntrustedMaxDelay), Milliseconds(settings.FailureMemory),
        ]);
        return result is { } waitMs && waitMs >= 0 ? TimeSpan.FromMilliseconds(waitMs) : null;
    }

    public override async ValueTask<bool> TryBeginTrustedAsync(string deviceKey, CancellationToken cancellationToken)
    {
        var settings = Settings;
        var result = await EvaluateAsync(TrustedScript, deviceKey,
            [time.GetUtcNow().ToUnixTimeMilliseconds(), settings.DeviceFailureLimit, Milliseconds(settings.FailureMemory)]);
        return result is null or 1;
    }

    public override async ValueTask ForgetAsync(string key, CancellationToken cancellationToken)
    {
        if (!redis.IsConnected)
        {
            LogUnavailable(logger, null);
            return;
        }
        try
        {
            await redis.GetDatabase().KeyDeleteAsync(RedisKeyOf(key));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogUnavailable(logger, e);
        }
    }

    /// <summary>The script's answer, or null when Redis could not be asked (fail open).</summary>
    private async Task<long?> EvaluateAsync(string script, string key, RedisValue[] arguments)
    {
        if (!redis.IsConnected)
        {
            LogUnavailable(logger, null);
            return null;
        }
        try
        {
            return (long)await redis.GetDatabase().ScriptEvaluateAsync(script, [RedisKeyOf(key)], arguments);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogUnavailable(logger, e);
            return null;
        }
    }

    /// <summary>Hashed: the e-mail typed (any e-mail, a made-up one too) does not sit in Redis in clear.</summary>
    private RedisKey RedisKeyOf(string key) =>
        $"{redisOptions.Value.KeyPrefix}identity:signin:{Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))}";

    private static string Milliseconds(TimeSpan value) => ((long)value.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failed sign-ins cannot be counted: Redis is unreachable; the attempt goes ahead without a wait (fail open)")]
    private static partial void LogUnavailable(ILogger logger, Exception? exception);
}
