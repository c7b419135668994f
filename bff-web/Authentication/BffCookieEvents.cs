using BffPlatform.ServiceDefaults.Problems;
using System.Globalization;
using BffPlatform.BffWeb.Sessions;
using BffPlatform.Contracts.Common;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace BffPlatform.BffWeb.Authentication;

/// <summary>
/// Cookie events: API-style 401/403 instead of redirects, and access-token refresh before
/// expiry — one refresh per session however many requests arrive together.
/// </summary>
internal sealed partial class BffCookieEvents(
    IOidcTokenClient tokens,
    ISessionLock locks,
    ServerSideTicketStore ticketStore,
    TimeProvider time,
    IOptionsMonitor<OidcClientOptions> oidc,
    ILogger<BffCookieEvents> logger) : CookieAuthenticationEvents
{
    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context) =>
        ProblemWriter.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized,
            "Sign-in required.", "There is no valid session; sign in at /bff/login.");

    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context) =>
        ProblemWriter.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, ErrorCodes.Forbidden,
            "Not allowed.", "The signed-in user may not do this.");

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var session = CurrentSession.Get(context.HttpContext);
        var expiresAt = ExpiresAt(context.Properties);
        var now = time.GetUtcNow();
        var skew = oidc.CurrentValue.RefreshBeforeExpiry;
        if (session is null || expiresAt is null || expiresAt.Value - skew > now)
        {
            return;
        }

        var cancellationToken = context.HttpContext.RequestAborted;
        IAsyncDisposable held;
        try
        {
            held = await locks.AcquireAsync(session.Key, cancellationToken);
        }
        catch (SessionLockUnavailableException e)
        {
            // Fail closed: refreshing unlocked could redeem the refresh token twice (identity would
            // end the session). This request is refused; the session stays for the next one.
            LogLockUnavailable(logger, session.Id, e.Message);
            context.RejectPrincipal();
            return;
        }
        await using (held)
        {
            // Another request (here or on another instance) may have refreshed while this one
            // waited: read the stored ticket again, from the database, and use its tokens instead of
            // spending the (now used) refresh token twice.
            var stored = await ticketStore.RetrieveFreshAsync(session.Key, context.HttpContext, cancellationToken);
            if (stored is null)
            {
                context.RejectPrincipal();
                return;
            }
            var storedExpiry = ExpiresAt(stored.Properties);
            if (storedExpiry is not null && storedExpiry.Value - skew > now)
            {
                context.ReplacePrincipal(stored.Principal);
                context.Properties.StoreTokens(stored.Properties.GetTokens());
                return;
            }

            var refreshToken = stored.Properties.GetTokenValue("refresh_token");
            var result = refreshToken is null ? RefreshResult.Failed(true, "no_refresh_token") : await tokens.RefreshAsync(refreshToken, cancellationToken);
            if (!result.Succeeded)
            {
                if (result.ProtocolError)
                {
                    // The refresh token is dead (revoked, expired, reused): end the session cleanly.
                    LogSessionEnded(logger, session.Id, result.Error);
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(AuthSchemes.Cookie);
                }
                else if (expiresAt.Value <= now)
                {
                    // identity unreachable and the token has expired: this request cannot be
                    // served, but the session stays for the next attempt.
                    context.RejectPrincipal();
                }
                return;
            }

            var updated = stored.Properties.GetTokens().ToDictionary(t => t.Name, t => t.Value);
            updated["access_token"] = result.AccessToken!;
            if (!string.IsNullOrEmpty(result.RefreshToken)) updated["refresh_token"] = result.RefreshToken;
            if (!string.IsNullOrEmpty(result.IdToken)) updated["id_token"] = result.IdToken;
            updated["expires_at"] = now.AddSeconds(result.ExpiresIn).ToString("o", CultureInfo.InvariantCulture);
            context.ReplacePrincipal(stored.Principal);
            context.Properties.StoreTokens(updated.Select(t => new AuthenticationToken { Name = t.Key, Value = t.Value }));
            // Written under the lock, under the same key: the next waiter reads these tokens.
            await ticketStore.RenewAsync(session.Key, new AuthenticationTicket(context.Principal!, context.Properties, AuthSchemes.Cookie),
                context.HttpContext, cancellationToken);
        }
    }

    private static DateTimeOffset? ExpiresAt(AuthenticationProperties properties) =>
        DateTimeOffset.TryParse(properties.GetTokenValue("expires_at"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var value)
            ? value
            : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionId} needs a token refresh but its lock cannot be taken ({Error}); the request is refused")]
    private static partial void LogLockUnavailable(ILogger logger, string sessionId, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId} ended: the refresh token was refused ({Error})")]
    private static partial void LogSessionEnded(ILogger logger, string sessionId, string? error);
}
