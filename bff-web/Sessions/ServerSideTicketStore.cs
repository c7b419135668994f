using System.Buffers.Text;
using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace BffPlatform.BffWeb.Sessions;

/// <summary>
/// The cookie handler's session store: the cookie carries a random key, the ticket (claims and
/// tokens) stays on the server, encrypted at rest.
/// </summary>
internal sealed partial class ServerSideTicketStore(
    IUserSessionStore store,
    IDataProtectionProvider dataProtection,
    TimeProvider time,
    IOptionsMonitor<BffSessionOptions> options,
    ILogger<ServerSideTicketStore> logger) : ITicketStore
{
    private readonly IDataProtector _protector = dataProtection.CreateProtector("BffPlatform.BffWeb.Sessions.Ticket.v1");
    private readonly ConditionalWeakTable<byte[], AuthenticationTicket?> _unprotected = new();

    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, null!, CancellationToken.None);

    public Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken cancellationToken) => StoreAsync(ticket, null!, cancellationToken);

    public async Task<string> StoreAsync(AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var userAgent = httpContext?.Request.Headers.UserAgent.ToString();
        var session = new UserSession
        {
            Key = NewRandomId(32),
            Id = NewRandomId(16),
            Subject = ticket.Principal.FindFirst("sub")?.Value ?? throw new InvalidOperationException("The signed-in principal has no 'sub' claim."),
            SessionId = ticket.Principal.FindFirst("sid")?.Value,
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = ExpiryOf(ticket, now, now),
            UserAgent = string.IsNullOrEmpty(userAgent) ? null : userAgent[..Math.Min(userAgent.Length, SessionLimits.UserAgentMaxLength)],
            Ticket = Protect(ticket),
        };
        await store.CreateAsync(session, cancellationToken);
        CurrentSession.Set(httpContext, session);
        // A sign-in that fails after this point (a 500 instead of the redirect carrying the cookie) never
        // hands the browser this session: remove it rather than leave it behind.
        httpContext?.Response.OnCompleted(() => httpContext.Response.StatusCode >= StatusCodes.Status500InternalServerError
            ? store.DeleteAsync(session.Key, CancellationToken.None)
            : Task.CompletedTask);
        return session.Key;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, null!, CancellationToken.None);

    public Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken cancellationToken) => RenewAsync(key, ticket, null!, cancellationToken);

    public async Task RenewAsync(string key, AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var existing = (httpContext is null ? null : CurrentSession.Get(httpContext)) is { } current && current.Key == key
            ? current
            : await store.GetAsync(key, cancellationToken);
        if (existing is null)
        {
            return;
        }
        var now = time.GetUtcNow().UtcDateTime;
        existing.Ticket = Protect(ticket);
        existing.ExpiresAt = ExpiryOf(ticket, existing.CreatedAt, now);
        existing.LastSeenAt = now;
        await store.UpdateTicketAsync(key, existing.Ticket, existing.ExpiresAt, now, cancellationToken);
        CurrentSession.Set(httpContext, existing);
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, null!, CancellationToken.None);

    public Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken) => RetrieveAsync(key, null!, cancellationToken);

    public Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken) =>
        RetrieveAsync(key, fresh: false, httpContext, cancellationToken);

    /// <summary>
    /// As <see cref="RetrieveAsync(string, HttpContext, CancellationToken)"/>, read from the database
    /// whatever is cached: under the session's refresh lock the latest tokens count, and another
    /// instance may have just refreshed them.
    /// </summary>
    public Task<AuthenticationTicket?> RetrieveFreshAsync(string key, HttpContext httpContext, CancellationToken cancellationToken) =>
        RetrieveAsync(key, fresh: true, httpContext, cancellationToken);

    private async Task<AuthenticationTicket?> RetrieveAsync(string key, bool fresh, HttpContext httpContext, CancellationToken cancellationToken)
    {
        UserSession? session;
        try
        {
            session = fresh ? await store.GetFreshAsync(key, cancellationToken) : await store.GetAsync(key, cancellationToken);
        }
        catch (Exception e) when (IsStoreDown(e))
        {
            // Fail closed: no session is assumed, so this request is a 401; the cookie and the
            // session stay, and the next request after the database returns is served.
            LogStoreDown(logger, e.Message);
            return null;
        }
        var now = time.GetUtcNow().UtcDateTime;
        if (session is null || session.ExpiresAt <= now)
        {
            return null;
        }
        var ticket = Unprotect(session.Ticket);
        if (ticket is null)
        {
            // Keys rotated away or data tampered with: the session cannot be used.
            await store.DeleteAsync(key, cancellationToken);
            return null;
        }
        if (now - session.LastSeenAt >= options.CurrentValue.LastSeenResolution)
        {
            session.LastSeenAt = now;
            try
            {
                await store.TouchAsync(key, now, cancellationToken);
            }
            catch (Exception e) when (IsStoreDown(e))
            {
                // Read from the cache while the database is away: the session was checked, only its last-seen time waits.
                LogTouchFailed(logger, e.Message);
            }
        }
        CurrentSession.Set(httpContext, session);
        return ticket;
    }

    public Task RemoveAsync(string key) => RemoveAsync(key, null!, CancellationToken.None);

    public Task RemoveAsync(string key, CancellationToken cancellationToken) => RemoveAsync(key, null!, cancellationToken);

    public Task RemoveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken) => store.DeleteAsync(key, cancellationToken);

    /// <summary>Reads the ticket of a stored session (for revoking its refresh token), or null.</summary>
    public AuthenticationTicket? Unprotect(byte[] protectedTicket)
    {
        try
        {
            // The session read cache hands out the same protected array while it holds a session:
            // decrypt and deserialize it once, not on every request. Callers get a copy (claims and
            // properties cloned), as they change it. The entry goes when the array is collected.
            return _unprotected.GetValue(protectedTicket, UnprotectCore)?.Clone();
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private AuthenticationTicket? UnprotectCore(byte[] protectedTicket) => TicketSerializer.Default.Deserialize(_protector.Unprotect(protectedTicket));

    private byte[] Protect(AuthenticationTicket ticket) => _protector.Protect(TicketSerializer.Default.Serialize(ticket));

    private DateTime ExpiryOf(AuthenticationTicket ticket, DateTime createdAt, DateTime now)
    {
        var settings = options.CurrentValue;
        var sliding = ticket.Properties.ExpiresUtc?.UtcDateTime ?? now + settings.IdleTimeout;
        var absolute = createdAt + settings.AbsoluteLifetime;
        return sliding < absolute ? sliding : absolute;
    }

    private static bool IsStoreDown(Exception e) => e is DbException or RetryLimitExceededException or TimeoutException;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The session database cannot be reached ({Error}); the session is refused for this request")]
    private static partial void LogStoreDown(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A session's last-seen time could not be written ({Error})")]
    private static partial void LogTouchFailed(ILogger logger, string error);

    private static string NewRandomId(int bytes) => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(bytes));
}
