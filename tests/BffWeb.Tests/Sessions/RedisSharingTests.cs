using BffPlatform.BffWeb.Management;
using BffPlatform.BffWeb.Sessions;
using BffPlatform.ServiceDefaults.Redis;
using BffPlatform.Testing.Servers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace BffPlatform.BffWeb.Tests.Sessions;

/// <summary>
/// What instances share through a real Redis (one server per test, each "instance" with its own
/// connection): the refresh lock, the replay cache, the session cache's change feed — and how each
/// behaves while Redis is down.
/// </summary>
public sealed class RedisSharingTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly List<IConnectionMultiplexer> _connections = [];
    private readonly List<RedisSessionChanges> _feeds = [];
    private LocalRedis _redis = null!;

    private IOptions<RedisOptions> Options => Microsoft.Extensions.Options.Options.Create(new RedisOptions { Configuration = _redis.Configuration, KeyPrefix = "test:" });

    public async Task InitializeAsync() => _redis = await LocalRedis.StartNewAsync();

    public async Task DisposeAsync()
    {
        foreach (var feed in _feeds) await feed.StopAsync(CancellationToken.None);
        foreach (var connection in _connections) await connection.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task A_sessions_refresh_lock_is_held_by_one_instance_at_a_time()
    {
        var first = new RedisSessionLock(await ConnectAsync(), Options);
        var second = new RedisSessionLock(await ConnectAsync(), Options);

        var held = await first.AcquireAsync("session-1", CancellationToken.None);
        var waiting = second.AcquireAsync("session-1", CancellationToken.None).AsTask();
        await using (await second.AcquireAsync("session-2", CancellationToken.None))
        {
            // Another session's lock is free meanwhile.
        }
        await Task.Delay(300);
        Assert.False(waiting.IsCompleted);

        await held.DisposeAsync();
        await using var then = await waiting.WaitAsync(Patience);
    }

    [Fact]
    public async Task With_Redis_down_the_lock_is_refused_at_once_rather_than_waited_for()
    {
        var connection = await ConnectAsync();
        var locks = new RedisSessionLock(connection, Options);
        await _redis.StopAsync();
        await UntilAsync(() => !connection.IsConnected);

        await Assert.ThrowsAsync<SessionLockUnavailableException>(() => locks.AcquireAsync("session-1", CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task A_logout_token_is_accepted_by_one_instance_only_and_remembered_until_it_expires()
    {
        var connection = await ConnectAsync();
        var first = new RedisReplayCache(connection, Options, TimeProvider.System, NullLogger<RedisReplayCache>.Instance);
        var second = new RedisReplayCache(await ConnectAsync(), Options, TimeProvider.System, NullLogger<RedisReplayCache>.Instance);
        var expiresAt = TimeProvider.System.GetUtcNow().AddMinutes(5);

        Assert.True(await first.TryAddAsync("jti-1", expiresAt, CancellationToken.None));
        Assert.False(await second.TryAddAsync("jti-1", expiresAt, CancellationToken.None));
        Assert.False(await first.TryAddAsync("jti-1", expiresAt, CancellationToken.None));
        Assert.True(await second.TryAddAsync("jti-2", expiresAt, CancellationToken.None));

        var ttl = await connection.GetDatabase().KeyTimeToLiveAsync("test:bff-web:replay:jti-1");
        Assert.InRange(ttl!.Value, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task With_Redis_down_a_logout_token_is_accepted_unchecked_as_it_only_ends_sessions()
    {
        var connection = await ConnectAsync();
        var cache = new RedisReplayCache(connection, Options, TimeProvider.System, NullLogger<RedisReplayCache>.Instance);
        await _redis.StopAsync();
        await UntilAsync(() => !connection.IsConnected);

        Assert.True(await cache.TryAddAsync("jti-1", TimeProvider.System.GetUtcNow().AddMinutes(5), CancellationToken.None));
    }

    [Fact]
    public async Task A_session_change_reaches_the_other_instances_named_by_hash_and_not_the_sender()
    {
        var sender = await StartFeedAsync();
        var receiver = await StartFeedAsync();
        Assert.True(sender.IsListening);
        Assert.True(receiver.IsListening);
        var heardBySender = new List<IReadOnlySet<string>>();
        sender.ChangedElsewhere += heardBySender.Add;
        var heard = new TaskCompletionSource<IReadOnlySet<string>>(TaskCreationOptions.RunContinuationsAsynchronously);
        receiver.ChangedElsewhere += keys => heard.TrySetResult(keys);

        await sender.PublishAsync(["key-1", "key-2"], CancellationToken.None);

        var hashes = await heard.Task.WaitAsync(Patience);
        Assert.True(hashes.SetEquals([SessionKeyHash.Of("key-1"), SessionKeyHash.Of("key-2")]), string.Join(' ', hashes));

        // A later message the other way arrives after the sender's own (one connection delivers in order).
        var reply = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        sender.ChangedElsewhere += _ => reply.TrySetResult();
        await receiver.PublishAsync(["key-3"], CancellationToken.None);
        await reply.Task.WaitAsync(Patience);
        Assert.Equal(SessionKeyHash.Of("key-3"), Assert.Single(Assert.Single(heardBySender)));
    }

    [Fact]
    public async Task Losing_Redis_stops_listening_and_forgets_the_cache_and_its_return_resumes_both()
    {
        var feed = await StartFeedAsync();
        var missed = 0;
        feed.MayHaveMissedChanges += () => Interlocked.Increment(ref missed);

        await _redis.StopAsync();
        await UntilAsync(() => !feed.IsListening);
        Assert.True(Volatile.Read(ref missed) >= 1);
        var missedWhileDown = Volatile.Read(ref missed);

        await _redis.StartAsync();
        await UntilAsync(() => feed.IsListening);
        // Whatever was published meanwhile is lost: the cache starts over once listening again.
        Assert.True(Volatile.Read(ref missed) > missedWhileDown);

        var heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        feed.ChangedElsewhere += _ => heard.TrySetResult();
        var other = await StartFeedAsync();
        await other.PublishAsync(["key-1"], CancellationToken.None);
        await heard.Task.WaitAsync(Patience);
    }

    private async Task<IConnectionMultiplexer> ConnectAsync()
    {
        var connection = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
        _connections.Add(connection);
        return connection;
    }

    private async Task<RedisSessionChanges> StartFeedAsync()
    {
        var feed = new RedisSessionChanges(await ConnectAsync(), Options, NullLogger<RedisSessionChanges>.Instance);
        _feeds.Add(feed);
        await feed.StartAsync(CancellationToken.None);
        return feed;
    }

    /// <summary>Waits for a state the connection reaches on its own (a drop noticed, a reconnect made).</summary>
    private static async Task UntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not come true in time.");
            await Task.Delay(50);
        }
    }
}
