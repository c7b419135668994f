using System.Diagnostics.Metrics;
using BffPlatform.Contracts.Partners;
using BffPlatform.PublicApi.Usage;
using BffPlatform.ServiceDefaults.Redis;
using BffPlatform.Testing.Servers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace BffPlatform.PublicApi.Tests.Api;

/// <summary>
/// Usage counters in a real Redis, as two instances share them: the same totals under the same reporter
/// id from either (so core-api cannot count them twice), a new reporter id when Redis lost the day's
/// counts (so smaller figures never replace larger ones), and no wait while Redis is away.
/// </summary>
public sealed class RedisUsageCountersTests : IAsyncLifetime
{
    private LocalRedis _redis = null!;
    private ConnectionMultiplexer _first = null!;
    private ConnectionMultiplexer _second = null!;

    public async Task InitializeAsync()
    {
        _redis = await LocalRedis.StartNewAsync();
        _first = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
        _second = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
        await _redis.DisposeAsync();
    }

    private static RedisUsageCounters Counters(IConnectionMultiplexer redis) =>
        new(redis, Options.Create(new RedisOptions { KeyPrefix = "usage-test:" }), TimeProvider.System, NullLogger<RedisUsageCounters>.Instance);

    [Fact]
    public async Task Two_instances_count_into_one_total_and_report_it_alike_under_one_reporter_id()
    {
        var (a, b) = (Counters(_first), Counters(_second));
        var (key, other) = (Guid.NewGuid(), Guid.NewGuid());
        for (var i = 0; i < 5; i++) a.Count(key, rejected: false);
        for (var i = 0; i < 4; i++) b.Count(key, rejected: i == 0);
        b.Count(other, rejected: true);

        await UntilAsync(async () => Total(await a.SnapshotAsync(default), key) == (9, 1));
        var fromA = await a.SnapshotAsync(default);
        var fromB = await b.SnapshotAsync(default);

        var report = Assert.Single(fromA);
        Assert.Matches("^redis-[0-9a-f]{16}$", report.Reporter);
        Assert.Equal(report.Reporter, Assert.Single(fromB).Reporter);
        Assert.Equal(report.Counts.OrderBy(c => c.KeyId), Assert.Single(fromB).Counts.OrderBy(c => c.KeyId));
        Assert.Equal((1L, 1L), Total(fromA, other));
        Assert.All(report.Counts, c => Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow), c.Day));
    }

    [Fact]
    public async Task Counts_lost_with_redis_start_again_under_a_new_reporter_id()
    {
        var counters = Counters(_first);
        var key = Guid.NewGuid();
        counters.Count(key, rejected: false);
        counters.Count(key, rejected: false);
        await UntilAsync(async () => Total(await counters.SnapshotAsync(default), key) == (2, 0));
        var before = Assert.Single(await counters.SnapshotAsync(default)).Reporter;

        await _redis.StopAsync();
        await _redis.StartAsync();
        await UntilAsync(() => Task.FromResult(_first.IsConnected));
        counters.Count(key, rejected: false);
        await UntilAsync(async () => Total(await counters.SnapshotAsync(default), key) == (1, 0));

        Assert.NotEqual(before, Assert.Single(await counters.SnapshotAsync(default)).Reporter);
    }

    [Fact]
    public async Task Redis_away_the_request_is_not_held_and_the_miss_is_metered()
    {
        var counters = Counters(_first);
        long uncounted = 0;
        using var meter = new MeterListener();
        meter.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == UsageMetrics.UncountedName) listener.EnableMeasurementEvents(instrument);
        };
        meter.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref uncounted, value));
        meter.Start();

        await _redis.StopAsync();
        await UntilAsync(() => Task.FromResult(!_first.IsConnected));
        counters.Count(Guid.NewGuid(), rejected: false);

        // Counted as missed at once, on the caller's thread: nothing waited for a command timeout.
        Assert.True(Interlocked.Read(ref uncounted) >= 1);
        await Assert.ThrowsAsync<RedisConnectionException>(() => counters.SnapshotAsync(default));
    }

    [Fact]
    public void A_day_hash_reads_as_counts_of_its_epoch_and_stray_fields_are_ignored()
    {
        var (key, day) = (Guid.NewGuid(), new DateOnly(2026, 11, 30));
        HashEntry[] entries =
        [
            new("epoch", "0123456789abcdef"), new(key.ToString("N"), 7), new(key.ToString("N") + ":rejected", 2),
            new("garbage", 5), new(Guid.NewGuid().ToString("N"), "not-a-number"),
        ];

        var read = RedisUsageCounters.Read(day, entries);

        Assert.NotNull(read);
        Assert.Equal("0123456789abcdef", read.Value.Epoch);
        Assert.Equal([new UsageCountDto(key, day, 7, 2)], read.Value.Counts);
        Assert.Null(RedisUsageCounters.Read(day, [new(key.ToString("N"), 7)]));
    }

    private static (long, long) Total(IReadOnlyList<UsageReportRequest> reports, Guid key) =>
        (reports.SelectMany(r => r.Counts).Where(c => c.KeyId == key).Sum(c => c.Requests),
         reports.SelectMany(r => r.Counts).Where(c => c.KeyId == key).Sum(c => c.Rejected));

    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition never held");
            await Task.Delay(20);
        }
    }
}
