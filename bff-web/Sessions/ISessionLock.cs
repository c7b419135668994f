namespace BffPlatform.BffWeb.Sessions;

/// <summary>
/// Mutual exclusion per session key, so one request refreshes a session's tokens while the
/// others wait and then reuse the result: in process (<see cref="InProcessSessionLock"/>), or
/// across instances in Redis (<see cref="RedisSessionLock"/>) when Redis is configured.
/// </summary>
public interface ISessionLock
{
    /// <exception cref="SessionLockUnavailableException">The lock cannot be had (Redis unreachable, or held too long).</exception>
    ValueTask<IAsyncDisposable> AcquireAsync(string sessionKey, CancellationToken cancellationToken);
}

/// <summary>
/// The session's lock could not be taken. Refreshing without it could redeem a refresh token
/// twice (identity then ends the session), so the request is refused and the session kept.
/// </summary>
public sealed class SessionLockUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
