namespace BffPlatform.BffWeb.Sessions;

/// <summary>
/// Mutual exclusion per session key, so one request refreshes a session's tokens while the
/// others wait and then reuse the result. In-process now; a Redis lock can make it
/// cross-instance for the scaled-out mode.
/// </summary>
public interface ISessionLock
{
    ValueTask<IAsyncDisposable> AcquireAsync(string sessionKey, CancellationToken cancellationToken);
}
