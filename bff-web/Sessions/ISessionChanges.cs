namespace BffPlatform.BffWeb.Sessions;

/// <summary>
/// How one instance's session read cache learns that another instance changed or ended a
/// session: nothing to learn with one instance (<see cref="InProcessSessionChanges"/>), Redis
/// pub/sub when several share the store (<see cref="RedisSessionChanges"/>). Sessions are named
/// by <see cref="SessionKeyHash"/>, never by their key.
/// </summary>
public interface ISessionChanges
{
    /// <summary>False while changes made elsewhere could go unheard: the cache must not be trusted then.</summary>
    bool IsListening { get; }

    /// <summary>Tells the other instances that these sessions changed or ended.</summary>
    Task PublishAsync(IReadOnlyCollection<string> sessionKeys, CancellationToken cancellationToken);

    /// <summary>Another instance changed these sessions (their key hashes).</summary>
    event Action<IReadOnlySet<string>>? ChangedElsewhere;

    /// <summary>Changes may have been missed (the channel dropped or came back): forget every cached session.</summary>
    event Action? MayHaveMissedChanges;
}

/// <summary>One instance: every change goes through this process's own cache, so there is nothing to hear.</summary>
internal sealed class InProcessSessionChanges : ISessionChanges
{
    public bool IsListening => true;

    public Task PublishAsync(IReadOnlyCollection<string> sessionKeys, CancellationToken cancellationToken) => Task.CompletedTask;

    public event Action<IReadOnlySet<string>>? ChangedElsewhere
    {
        add { }
        remove { }
    }

    public event Action? MayHaveMissedChanges
    {
        add { }
        remove { }
    }
}
