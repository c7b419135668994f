namespace BffPlatform.BffWeb.Sessions;

/// <summary>
/// Where server-side sessions live. SQLite through EF Core in the embedded default; a Redis
/// implementation can replace it for the scaled-out mode.
/// </summary>
public interface IUserSessionStore
{
    Task CreateAsync(UserSession session, CancellationToken cancellationToken);

    Task<UserSession?> GetAsync(string key, CancellationToken cancellationToken);

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
