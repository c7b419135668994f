using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace BffPlatform.BffWeb.Sessions;

/// <summary>
/// Keeps recently read sessions in memory for <see cref="BffSessionOptions.ReadCacheDuration"/>, so
/// an API call does not cost a database read: the session lookup was most of the BFF's per-request
/// cost in bench/bff-web.sh. Every write and delete through this store evicts, so within one
/// instance the cache is never stale; a store shared by several instances (the scaled-out mode)
/// sets the duration to zero or keeps it short.
/// </summary>
internal sealed class CachingUserSessionStore(IUserSessionStore inner, TimeProvider time, IOptionsMonitor<BffSessionOptions> options) : IUserSessionStore
{
    /// <summary>Beyond this many cached sessions the cache starts over (bounds memory under a flood of cookies).</summary>
    internal const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    // Bumped by every write: a read that started before a write must not cache what it read, or
    // it could put back tokens a concurrent refresh just replaced (a reused refresh token ends the session).
    private long _generation;

    internal int Count => _entries.Count;

    public async Task<UserSession?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var duration = options.CurrentValue.ReadCacheDuration;
        if (duration <= TimeSpan.Zero)
        {
            return await inner.GetAsync(key, cancellationToken);
        }
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(key, out var cached) && cached.Until > now)
        {
            return Copy(cached.Session);
        }
        var generation = Interlocked.Read(ref _generation);
        var session = await inner.GetAsync(key, cancellationToken);
        if (session is not null)
        {
            lock (_gate)
            {
                if (_generation == generation)
                {
                    if (_entries.Count >= MaxEntries)
                    {
                        _entries.Clear();
                    }
                    _entries[key] = new Entry(Copy(session), now + duration);
                }
            }
        }
        return session;
    }

    public async Task CreateAsync(UserSession session, CancellationToken cancellationToken)
    {
        await inner.CreateAsync(session, cancellationToken);
        Evict(session.Key);
    }

    public async Task<bool> UpdateTicketAsync(string key, byte[] ticket, DateTime expiresAt, DateTime lastSeenAt, CancellationToken cancellationToken)
    {
        try
        {
            return await inner.UpdateTicketAsync(key, ticket, expiresAt, lastSeenAt, cancellationToken);
        }
        finally
        {
            Evict(key);
        }
    }

    public async Task TouchAsync(string key, DateTime lastSeenAt, CancellationToken cancellationToken)
    {
        try
        {
            await inner.TouchAsync(key, lastSeenAt, cancellationToken);
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
            await inner.DeleteAsync(key, cancellationToken);
        }
        finally
        {
            Evict(key);
        }
    }

    public Task<IReadOnlyList<UserSession>> ListBySubjectAsync(string subject, CancellationToken cancellationToken) =>
        inner.ListBySubjectAsync(subject, cancellationToken);

    public async Task<IReadOnlyList<UserSession>> DeleteBySubjectOrSessionIdAsync(string? subject, string? sessionId, CancellationToken cancellationToken)
    {
        try
        {
            var deleted = await inner.DeleteBySubjectOrSessionIdAsync(subject, sessionId, cancellationToken);
            Evict(deleted.Select(s => s.Key));
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
        var deleted = await inner.DeleteExpiredAsync(now, cancellationToken);
        if (deleted > 0)
        {
            // Which keys is not known here; expired sessions are refused on read anyway.
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

    private sealed record Entry(UserSession Session, DateTimeOffset Until);
}
