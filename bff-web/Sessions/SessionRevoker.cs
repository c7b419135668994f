using Microsoft.AspNetCore.Authentication;
using BffPlatform.BffWeb.Authentication;

namespace BffPlatform.BffWeb.Sessions;

/// <summary>Ends stored sessions: revokes each one's refresh token at identity, then deletes it.</summary>
internal sealed class SessionRevoker(IUserSessionStore store, ServerSideTicketStore tickets, IOidcTokenClient tokens)
{
    public async Task EndAsync(UserSession session, CancellationToken cancellationToken)
    {
        await RevokeRefreshTokenAsync(session, cancellationToken);
        await store.DeleteAsync(session.Key, cancellationToken);
    }

    public async Task RevokeRefreshTokenAsync(UserSession session, CancellationToken cancellationToken)
    {
        var refreshToken = tickets.Unprotect(session.Ticket)?.Properties.GetTokenValue("refresh_token");
        if (refreshToken is not null)
        {
            await tokens.RevokeRefreshTokenAsync(refreshToken, cancellationToken);
        }
    }
}
