using System.Globalization;
using System.Security.Cryptography;
using BffPlatform.Contracts.Partners;
using BffPlatform.ServiceDefaults.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace BffPlatform.PublicApi.Usage;

/// <summary>
/// Scaled out: one hash per UTC day in Redis (<c>&lt;prefix&gt;public-api:usage:&lt;yyyy-MM-dd&gt;</c>), shared by
/// every instance, each request counted by one atomic script (field <c>&lt;key&gt;</c>, and
/// <c>&lt;key&gt;:rejected</c>). The command is sent as the answer starts and not awaited: the request
/// never waits a Redis round trip for its count, and a count is in Redis once sent, so an instance
/// that dies loses nothing it answered. Any instance reports the shared totals, under one reporter id
/// per day and <em>epoch</em>: the hash's <c>epoch</c> field, set by whoever creates it. Redis losing
/// the hash (a restart without persistence) starts a new epoch, a new reporter id, so the counts since
/// add to what core-api already has instead of replacing them with smaller figures.
/// Redis unreachable: the request is served uncounted (fail open), logged and metered
/// (<see cref="UsageMetrics"/>); <c>/health/ready</c> reports <c>redis</c>.
/// </summary>
internal sealed partial class RedisUsageCounters(
    IConnectionMultiplexer redis,
    IOptions<RedisOptions> redisOptions,
    TimeProvider time,
    ILogger<RedisUsageCounters> logger) : UsageCounters
{
    /// <summary>Today and the two days before are reported; a day's hash lives this long after its last count.</summary>
    public const int ReportedDays = 3;

    public const string EpochField = "epoch";
    public const string RejectedSuffix = ":rejected";

    // KEYS[1] the day's hash; ARGV a fresh epoch (used only if the hash is new), the key's field, rejected 0|1, lifetime (s).
    private const string CountScript = """
        redis.call('HSETNX', KEYS[1], 'epoch', ARGV[1])
        redis.call('HINCRBY', KEYS[1], ARGV[2], 1)
        if ARGV[3] == '1' then redis.call('HINCRBY', KEYS[1], ARGV[2] .. ':rejected', 1) end
        redis.call('EXPIRE', KEYS[1], ARGV[4])
        return 1
        """;

    private static readonly string Lifetime = ((long)TimeSpan.FromDays(ReportedDays).TotalSeconds).ToString(CultureInfo.InvariantCulture);

    private readonly string _prefix = $"{redisOptions.Value.KeyPrefix}public-api:usage:";
    private long _missedInARow;

    /// <summary>The reporter id of a day's counts in one epoch (at most 22 characters).</summary>
    public static string ReporterOf(string epoch) => "redis-" + epoch;

    public RedisKey DayKey(DateOnly day) => _prefix + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public override void Count(Guid key, bool rejected)
    {
        if (!redis.IsConnected)
        {
            // Not queued: the multiplexer's backlog would grow with every request for the whole outage.
            Missed("Redis is unreachable");
            return;
        }
        _ = CountAsync(key, rejected);
    }

    private async Task CountAsync(Guid key, bool rejected)
    {
        try
        {
            await redis.GetDatabase().ScriptEvaluateAsync(CountScript, [DayKey(Today)],
                [Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), key.ToString("N"), rejected ? "1" : "0", Lifetime]);
            if (Interlocked.Exchange(ref _missedInARow, 0) is > 0 and var missed)
            {
                LogResumed(logger, missed);
            }
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            Missed(e.Message);
        }
    }

    public override async Task<IReadOnlyList<UsageReportRequest>> SnapshotAsync(CancellationToken cancellationToken)
    {
        if (!redis.IsConnected)
        {
            throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, "Redis is unreachable; the counts wait there for the next report.");
        }
        var database = redis.GetDatabase();
        var days = Enumerable.Range(0, ReportedDays).Select(i => Today.AddDays(-i)).ToList();
        // Sent together: one round trip for every day.
        var hashes = await Task.WhenAll(days.Select(day => database.HashGetAllAsync(DayKey(day)))).WaitAsync(cancellationToken);
        var reports = new List<UsageReportRequest>();
        for (var i = 0; i < days.Count; i++)
        {
            if (Read(days[i], hashes[i]) is { } day)
            {
                reports.AddRange(Reports(ReporterOf(day.Epoch), day.Counts));
            }
        }
        return reports;
    }

    /// <summary>A day's hash as counts, or null when it is empty or has no epoch (never written by <see cref="CountScript"/>).</summary>
    internal static (string Epoch, IReadOnlyList<UsageCountDto> Counts)? Read(DateOnly day, HashEntry[] entries)
    {
        var fields = entries.ToDictionary(e => e.Name.ToString(), e => e.Value, StringComparer.Ordinal);
        if (!fields.TryGetValue(EpochField, out var epoch) || epoch.IsNullOrEmpty)
        {
            return null;
        }
        var counts = new List<UsageCountDto>();
        foreach (var (field, value) in fields)
        {
            if (Guid.TryParseExact(field, "N", out var key) && value.TryParse(out long requests))
            {
                var rejected = fields.TryGetValue(field + RejectedSuffix, out var r) && r.TryParse(out long n) ? n : 0;
                counts.Add(new UsageCountDto(key, day, requests, Math.Min(rejected, requests)));
            }
        }
        return counts.Count == 0 ? null : (epoch.ToString(), counts);
    }

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    private void Missed(string reason)
    {
        UsageMetrics.Uncounted();
        if (Interlocked.Increment(ref _missedInARow) == 1)
        {
            LogMissed(logger, reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Partner requests are served uncounted: usage cannot be counted in Redis ({Reason}); counting resumes when Redis answers")]
    private static partial void LogMissed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Usage counting in Redis resumed; {Missed} requests went uncounted")]
    private static partial void LogResumed(ILogger logger, long missed);
}
