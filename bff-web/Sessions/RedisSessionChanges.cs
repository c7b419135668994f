using BffPlatform.ServiceDefaults.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace BffPlatform.BffWeb.Sessions;

/// <summary>
/// The session cache's change feed over Redis pub/sub, for instances sharing one session
/// database. Pub/sub keeps nothing for a subscriber that is away, so whenever the subscription
/// is not known to be live (before the first SUBSCRIBE is answered, from a dropped connection
/// until it is subscribed again) <see cref="IsListening"/> is false and the cache is bypassed:
/// every request is checked against the database. Coming back, the cache starts empty.
/// </summary>
internal sealed partial class RedisSessionChanges(
    IConnectionMultiplexer redis,
    IOptions<RedisOptions> options,
    ILogger<RedisSessionChanges> logger) : ISessionChanges, IHostedService
{
    private readonly RedisChannel _channel = RedisChannel.Literal($"{options.Value.KeyPrefix}bff-web:session-changes");

    // Tells this instance's own messages apart (it already evicted what it publishes).
    private readonly string _instance = Guid.NewGuid().ToString("N");
    private readonly SemaphoreSlim _resubscribing = new(1, 1);
    private volatile bool _listening;

    public bool IsListening => _listening;

    public event Action<IReadOnlySet<string>>? ChangedElsewhere;

    public event Action? MayHaveMissedChanges;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionFailed += OnConnectionFailed;
        redis.ConnectionRestored += OnConnectionRestored;
        // Redis down at start: the service starts anyway (cache bypassed) and subscribes when it returns.
        await SubscribeAsync();
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionFailed -= OnConnectionFailed;
        redis.ConnectionRestored -= OnConnectionRestored;
        _listening = false;
        try
        {
            await redis.GetSubscriber().UnsubscribeAsync(_channel);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // Going away anyway.
        }
    }

    public async Task PublishAsync(IReadOnlyCollection<string> sessionKeys, CancellationToken cancellationToken)
    {
        if (sessionKeys.Count == 0 || !redis.IsConnected)
        {
            // Instances that lost Redis too bypass their caches and empty them when it returns.
            return;
        }
        var message = _instance + " " + string.Join(' ', sessionKeys.Select(SessionKeyHash.Of));
        try
        {
            // Awaited: Redis has handed the message to every subscriber before this instance answers.
            await redis.GetSubscriber().PublishAsync(_channel, message).WaitAsync(cancellationToken);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogPublishFailed(logger, sessionKeys.Count, e.Message);
        }
    }

    private async Task SubscribeAsync()
    {
        await _resubscribing.WaitAsync();
        try
        {
            _listening = false;
            var subscriber = redis.GetSubscriber();
            await subscriber.UnsubscribeAsync(_channel);
            await subscriber.SubscribeAsync(_channel, (_, value) => OnMessage(value));
            // SUBSCRIBE answered: everything published from now on reaches us; what came before may not have.
            MayHaveMissedChanges?.Invoke();
            _listening = true;
            LogListening(logger);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogSubscribeFailed(logger, e.Message);
        }
        finally
        {
            _resubscribing.Release();
        }
    }

    private void OnMessage(RedisValue value)
    {
        var parts = value.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2 || parts[0] == _instance)
        {
            return;
        }
        ChangedElsewhere?.Invoke(parts.Skip(1).ToHashSet(StringComparer.Ordinal));
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Subscription)
        {
            _listening = false;
            MayHaveMissedChanges?.Invoke();
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Subscription)
        {
            // Subscribed again explicitly, so that listening resumes only once SUBSCRIBE is answered.
            _ = Task.Run(SubscribeAsync);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for session changes made by other instances")]
    private static partial void LogListening(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot subscribe to session changes ({Error}); the session cache stays off until Redis answers")]
    private static partial void LogSubscribeFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell other instances of {Count} changed sessions ({Error}); their caches hold them at most Session:ReadCacheDuration")]
    private static partial void LogPublishFailed(ILogger logger, int count, string error);
}
