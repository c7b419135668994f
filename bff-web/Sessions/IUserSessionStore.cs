namespace BffPlatform.BffWeb.Sessions;

/// <summary>
/// Where server-side sessions live: a database through EF Core (SQLite in the embedded default,
/// PostgreSQL scaled out), read through <see cref="CachingUserSessionStore"/>.
/// </summary>
public interface IUserSessionStore
{
    Task CreateAsync(UserSession session, CancellationToken cancellationToken);

    Task<UserSession?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>As <see cref="GetAsync"/>, but never from a cache.</summary>
    Task<UserSession?> GetFreshAsync(string key, CancellationToken cancellationToken) => GetAsync(key, cancellationToken);

    /// <summary>Replaces the ticket and expiry of an existing session; false when it is gone.</summary>
    Task<bool> UpdateTicketAsync(string key, byte[] ticket, DateTime expiresAt, DateTime lastSeenAt, CancellationToken cancellationToken);

    Task TouchAsync(string key, DateTime lastSeenAt, CancellationToken cancellationToken);

    Task DeleteAsync(string key, CancellationToken cancellationToken);

    Task<IReadOnlyList<UserSession>> ListBySubjectAsync(string subject, CancellationToken cancellationToken);

    /// <summary>Deletes the sessions matching both given values (a null value matches any) and returns them.</summary>
    Task<IReadOnlyList<UserSession>> DeleteBySubjectOrSessionIdAsync(string? subject, string? sessionId, CancellationToken cancellationToken);

    /// <summary>Deletes sessions that expired before <paramref name="now"/>; returns how many.</summary>
    Task<int> DeleteExpiredAsync(DateTime now, CancellationToken cancellationToken);
}
