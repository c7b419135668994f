using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using BffPlatform.ServiceDefaults.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace BffPlatform.CoreApi.Products.Cache;

/// <summary>
/// Generations shared by every core-api instance (scaled out). Redis counts them in one hash
/// (<c>&lt;prefix&gt;core-api:catalog:generations</c>); a change raises them and publishes the new
/// values in the same script, so every instance learns them in Redis's own order. The instance that
/// made the change waits until every subscribed instance confirms it has applied them (at most
/// <see cref="CatalogOptions.ConfirmationTimeout"/>): when the change's request answers, no instance
/// serves the old data from its memory (L1) or from Redis (L2, keyed by the same generations).
/// Pub/sub keeps nothing for a subscriber that is away, so the cache is used only while this
/// instance is known to follow: from a dropped connection until it has subscribed again and read
/// the whole hash, every read goes to the database. Changes committed meanwhile are remembered and
/// recorded when Redis answers. The hash carries an epoch, part of every key: a Redis that comes
/// back empty (or evicted the hash) starts a new epoch, which makes every older entry unreachable.
/// </summary>
internal sealed partial class RedisCatalogGenerations(
    IConnectionMultiplexer redis,
    IOptions<RedisOptions> redisOptions,
    IOptions<CatalogOptions> options,
    ILogger<RedisCatalogGenerations> logger) : BackgroundService, ICatalogGenerations
{
    // ARGV: epoch if the hash has none, channel, sender, confirmation id, product ids.
    // Returns the number of subscribers the message reached and the message itself.
    private const string RaiseScript = """
        redis.call('HSETNX', KEYS[1], 'epoch', ARGV[1])
        local parts = { ARGV[3], ARGV[4], redis.call('HGET', KEYS[1], 'epoch'), redis.call('HINCRBY', KEYS[1], 'lists', 1) }
        for i = 5, #ARGV do
          parts[#parts + 1] = ARGV[i]
          parts[#parts + 1] = redis.call('HINCRBY', KEYS[1], ARGV[i], 1)
        end
        local message = table.concat(parts, ' ')
        return { redis.call('PUBLISH', ARGV[2], message), message }
        """;

    private const string ReadScript = """
        redis.call('HSETNX', KEYS[1], 'epoch', ARGV[1])
        return redis.call('HGETALL', KEYS[1])
        """;

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly string _instance = Guid.NewGuid().ToString("N");
    private readonly RedisKey _hash = $"{redisOptions.Value.KeyPrefix}core-api:catalog:generations";
    private readonly string _changesName = $"{redisOptions.Value.KeyPrefix}core-api:catalog:changes";
    private readonly string _confirmationsPrefix = $"{redisOptions.Value.KeyPrefix}core-api:catalog:confirmations:";
    private readonly ConcurrentDictionary<string, ChangeConfirmations> _waiting = new();
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly Lock _gate = new();

    // Under _gate: changes committed while Redis could not record them.
    private HashSet<Guid> _unrecorded = [];
    private int _unrecordedChanges;

    private volatile CatalogGenerationTable? _table;
    private volatile bool _following;
    private volatile bool _outOfDate = true;

    public CatalogGenerationTable? Current => _following && redis.IsConnected ? _table : null;

    public async Task RaiseAsync(IReadOnlyCollection<Guid> productIds, CancellationToken cancellationToken)
    {
        if (!_following || !redis.IsConnected)
        {
            // This instance reads from the database until it follows again, and records the change then.
            Remember(productIds, 1);
            return;
        }
        try
        {
            await RecordAsync(productIds, apply: true, cancellationToken);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // Perhaps recorded, perhaps not: recorded (again) on the way back, which costs a cache miss at most.
            Remember(productIds, 1);
            LogRecordFailed(logger, productIds.Count, e.Message);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        redis.ConnectionFailed += OnConnectionFailed;
        redis.ConnectionRestored += OnConnectionRestored;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (_outOfDate)
                {
                    await CatchUpAsync();
                }
                // Still out of date (Redis unreachable): try again shortly; else sleep until something breaks.
                await _wake.WaitAsync(_outOfDate ? RetryDelay : Timeout.InfiniteTimeSpan, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            redis.ConnectionFailed -= OnConnectionFailed;
            redis.ConnectionRestored -= OnConnectionRestored;
            _following = false;
        }
    }

    /// <summary>Subscribes, records what this instance could not, then reads every generation.</summary>
    private async Task CatchUpAsync()
    {
        if (!redis.IsConnected)
        {
            // A command would wait in the client's backlog for its whole timeout.
            return;
        }
        _following = false;
        _outOfDate = false;
        try
        {
            var subscriber = redis.GetSubscriber();
            var changes = RedisChannel.Literal(_changesName);
            var confirmations = RedisChannel.Literal(_confirmationsPrefix + _instance);
            await subscriber.UnsubscribeAsync(changes);
            await subscriber.UnsubscribeAsync(confirmations);
            // Queues deliver in order, one message at a time.
            (await subscriber.SubscribeAsync(changes)).OnMessage(OnChange);
            (await subscriber.SubscribeAsync(confirmations)).OnMessage(m => { if (_waiting.TryGetValue(m.Message.ToString(), out var c)) c.Confirm(); });

            // Subscribed: every change from now on reaches this instance; every earlier one is in the hash.
            await RecordUnrecordedAsync();
            var all = ((RedisResult[]?)await redis.GetDatabase().ScriptEvaluateAsync(ReadScript, [_hash], [NewEpoch()]))!;
            var read = CatalogChange.FromHash(all.Select(r => (string?)r ?? "").ToList());
            lock (_gate)
            {
                if (_table is { } table && table.Epoch == read.Epoch)
                {
                    // Keeps what arrived since the read (generations only grow).
                    read.ApplyTo(table);
                }
                else
                {
                    _table = read.ToTable();
                }
                // A message of another epoch arrived meanwhile: go round again.
                _following = !_outOfDate;
            }
            LogFollowing(logger, read.Epoch, read.Products.Count);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            _outOfDate = true;
            LogCatchUpFailed(logger, e.Message);
        }
    }

    private async Task RecordUnrecordedAsync()
    {
        HashSet<Guid> taken;
        int changes;
        lock (_gate)
        {
            if (_unrecordedChanges == 0)
            {
                return;
            }
            (taken, _unrecorded) = (_unrecorded, []);
            (changes, _unrecordedChanges) = (_unrecordedChanges, 0);
        }
        try
        {
            // Not applied here: the hash, read next, holds it.
            await RecordAsync(taken, apply: false, CancellationToken.None);
        }
        catch
        {
            Remember(taken, changes);
            throw;
        }
    }

    /// <summary>
    /// Raises the generations in Redis and publishes them, then waits (at most the timeout) until
    /// every instance subscribed at that moment confirms; one that subscribes later reads the hash.
    /// </summary>
    private async Task RecordAsync(IReadOnlyCollection<Guid> productIds, bool apply, CancellationToken cancellationToken)
    {
        var confirmation = Guid.NewGuid().ToString("N");
        var confirmations = _waiting[confirmation] = new ChangeConfirmations();
        try
        {
            var arguments = new List<RedisValue>(4 + productIds.Count) { NewEpoch(), _changesName, _instance, confirmation };
            arguments.AddRange(productIds.Distinct().Select(id => (RedisValue)id.ToString("N")));
            var result = ((RedisResult[]?)await redis.GetDatabase().ScriptEvaluateAsync(RaiseScript, [_hash], [.. arguments]))!;
            var receivers = (long)result[0];
            if (apply)
            {
                Apply(CatalogChange.Parse((string?)result[1] ?? ""));
            }
            var timeout = options.Value.ConfirmationTimeout;
            if (timeout > TimeSpan.Zero && !await confirmations.ExpectAsync(receivers, timeout, cancellationToken))
            {
                LogUnconfirmed(logger, receivers - confirmations.Received, receivers, timeout);
            }
        }
        finally
        {
            _waiting.TryRemove(confirmation, out _);
        }
    }

    private void OnChange(ChannelMessage message)
    {
        CatalogChange change;
        try
        {
            change = CatalogChange.Parse(message.Message.ToString());
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            LogBadMessage(logger, message.Message.ToString());
            return;
        }
        Apply(change);
        if (change.Sender == _instance)
        {
            if (_waiting.TryGetValue(change.Confirmation, out var mine))
            {
                mine.Confirm();
            }
            return;
        }
        try
        {
            // Confirmed even when this instance has lost track: it then reads from the database, newer still.
            redis.GetSubscriber().Publish(RedisChannel.Literal(_confirmationsPrefix + change.Sender), change.Confirmation, CommandFlags.FireAndForget);
        }
        catch (RedisException)
        {
            // The sender stops waiting at its timeout.
        }
    }

    private void Apply(CatalogChange change)
    {
        lock (_gate)
        {
            if (_table is not { } table || table.Epoch != change.Epoch)
            {
                // Redis started a new epoch (it lost the hash): read it whole before using the cache again.
                LoseTrack();
                return;
            }
            change.ApplyTo(table);
        }
    }

    private void Remember(IEnumerable<Guid> productIds, int changes)
    {
        lock (_gate)
        {
            _unrecorded.UnionWith(productIds);
            _unrecordedChanges += changes;
        }
        LoseTrack();
    }

    private void LoseTrack()
    {
        _following = false;
        _outOfDate = true;
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken.
        }
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e) => LoseTrack();

    // Woken to catch up at once rather than at the next retry.
    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e) => LoseTrack();

    private static string NewEpoch() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    [LoggerMessage(Level = LogLevel.Information, Message = "Catalog cache follows every instance's changes (epoch {Epoch}, {Count} products changed in it)")]
    private static partial void LogFollowing(ILogger logger, string epoch, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Catalog cache cannot follow other instances' changes ({Error}); catalog reads go to the database until Redis answers")]
    private static partial void LogCatchUpFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record a change of {Count} products in Redis ({Error}); catalog reads go to the database until it is recorded")]
    private static partial void LogRecordFailed(ILogger logger, int count, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Missing} of {Expected} core-api instances did not confirm a catalog change within {Timeout}; they drop their copies when the message reaches them")]
    private static partial void LogUnconfirmed(ILogger logger, long missing, long expected, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored a message on the catalog change channel that is not a change: {Message}")]
    private static partial void LogBadMessage(ILogger logger, string message);
}
