using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace BffPlatform.BffWeb.Sessions;

/// <summary>
/// Keeps recently read sessions in memory for <see cref="BffSessionOptions.ReadCacheDuration"/>, so
/// an API call does not cost a database read: the session lookup was most of the BFF's per-request
/// cost in bench/bff-web.sh. Every write and delete through this store evicts, so within one
/// instance the cache is never stale. Instances sharing the store tell each other what they
/// changed or ended (<see cref="ISessionChanges"/>); while that feed may miss a change, the cache
/// is bypassed, so a session ended anywhere is refused everywhere at its next request.
/// </summary>
internal sealed class CachingUserSessionStore : IUserSessionStore
{
    /// <summary>Beyond this many cached sessions the cache starts over (bounds memory under a flood of cookies).</summary>
    internal const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    private readonly IUserSessionStore _inner;
    private readonly ISessionChanges _changes;
    private readonly TimeProvider _time;
    private readonly IOptionsMonitor<BffSessionOptions> _options;

    // Bumped by every write: a read that started before a write must not cache what it read, or
    // it could put back tokens a concurrent refresh just replaced (a reused refresh token ends the session).
    private long _generation;

    public CachingUserSessionStore(IUserSessionStore inner, ISessionChanges changes, TimeProvider time, IOptionsMonitor<BffSessionOptions> options)
    {
        _inner = inner;
        _changes = changes;
        _time = time;
        _options = options;
        changes.ChangedElsewhere += EvictHashes;
        changes.MayHaveMissedChanges += EvictAll;
    }

    internal int Count => _entries.Count;

    public async Task<UserSession?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var duration = _options.CurrentValue.ReadCacheDuration;
        if (duration <= TimeSpan.Zero || !_changes.IsListening)
        {
            return await _inner.GetAsync(key, cancellationToken);
        }
        var now = _time.GetUtcNow();
        if (_entries.TryGetValue(key, out var cached) && cached.Until > now)
        {
            return Copy(cached.Session);
        }
        var generation = Interlocked.Read(ref _generation);
        var session = await _inner.GetAsync(key, cancellationToken);
        if (session is not null)
        {
            var hash = SessionKeyHash.Of(key);
            lock (_gate)
            {
                if (_generation == generation && _changes.IsListening)
                {
                    if (_entries.Count >= MaxEntries)
                    {
                        _entries.Clear();
                    }
                    _entries[key] = new Entry(Copy(session), hash, now + duration);
                }
            }
        }
        return session;
    }

    /// <summary>Straight from the store, whatever is cached (a refresh under the session's lock must see the latest tokens).</summary>
    public Task<UserSession?> GetFreshAsync(string key, CancellationToken cancellationToken) => _inner.GetAsync(key, cancellationToken);

    public async Task CreateAsync(UserSession session, CancellationToken cancellationToken)
    {
        await _inner.CreateAsync(session, cancellationToken);
        Evict(session.Key);
    }

    public async Task<bool> UpdateTicketAsync(string key, byte[] ticket, DateTime expiresAt, DateTime lastSeenAt, CancellationToken cancellationToken)
    {
        try
        {
            return await _inner.UpdateTicketAsync(key, ticket, expiresAt, lastSeenAt, cancellationToken);
        }
        finally
        {
            Evict(key);
            await _changes.PublishAsync([key], CancellationToken.None);
        }
    }

    public async Task TouchAsync(string key, DateTime lastSeenAt, CancellationToken cancellationToken)
    {
        try
        {
            // Not published: another instance's older last-seen time costs at most one more touch.
            await _inner.TouchAsync(key, lastSeenAt, cancellationToken);
        }
        finally
        {
            Evict(key);
        }
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await _inner.DeleteAsync(key, cancellationToken);
        }
        finally
        {
            Evict(key);
            await _changes.PublishAsync([key], CancellationToken.None);
        }
    }

    public Task<IReadOnlyList<UserSession>> ListBySubjectAsync(string subject, CancellationToken cancellationToken) =>
        _inner.ListBySubjectAsync(subject, cancellationToken);

    public async Task<IReadOnlyList<UserSession>> DeleteBySubjectOrSessionIdAsync(string? subject, string? sessionId, CancellationToken cancellationToken)
    {
        try
        {
            var deleted = await _inner.DeleteBySubjectOrSessionIdAsync(subject, sessionId, cancellationToken);
            var keys = deleted.Select(s => s.Key).ToList();
            Evict(keys);
            await _changes.PublishAsync(keys, CancellationToken.None);
            return deleted;
        }
        catch
        {
            EvictAll();
            throw;
        }
    }

    public async Task<int> DeleteExpiredAsync(DateTime now, CancellationToken cancellationToken)
    {
        var deleted = await _inner.DeleteExpiredAsync(now, cancellationToken);
        if (deleted > 0)
        {
            // Which keys is not known here; expired sessions are refused on read anyway (so nothing is published).
            EvictAll();
        }
        return deleted;
    }

    private void Evict(string key) => Evict([key]);

    private void Evict(IEnumerable<string> keys)
    {
        lock (_gate)
        {
            _generation++;
            foreach (var key in keys)
            {
                _entries.TryRemove(key, out _);
            }
        }
    }

    private void EvictHashes(IReadOnlySet<string> hashes)
    {
        lock (_gate)
        {
            _generation++;
            foreach (var (key, entry) in _entries)
            {
                if (hashes.Contains(entry.KeyHash))
                {
                    _entries.TryRemove(key, out _);
                }
            }
        }
    }

    private void EvictAll()
    {
        lock (_gate)
        {
            _generation++;
            _entries.Clear();
        }
    }

    /// <summary>Callers change what they get (last-seen, expiry): each gets its own copy.</summary>
    private static UserSession Copy(UserSession s) => new()
    {
        Key = s.Key,
        Id = s.Id,
        Subject = s.Subject,
        SessionId = s.SessionId,
        CreatedAt = s.CreatedAt,
        LastSeenAt = s.LastSeenAt,
        ExpiresAt = s.ExpiresAt,
        UserAgent = s.UserAgent,
        Ticket = s.Ticket,
    };

    private sealed record Entry(UserSession Session, string KeyHash, DateTimeOffset Until);
}
