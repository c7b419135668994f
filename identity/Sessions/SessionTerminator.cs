using System.Security.Claims;
using BffPlatform.Identity.Configuration;
using Microsoft.Extensions.Options;

namespace BffPlatform.Identity.Sessions;

/// <summary>Ends an identity session: tells every client that signed in under its sid, then forgets it.</summary>
public sealed class SessionTerminator(
    SessionRegistry sessions,
    BackChannelLogoutSender sender,
    IOptions<IdentityServerOptions> options,
    ILogger<SessionTerminator> logger)
{
    /// <returns>How many clients acknowledged the logout.</returns>
    public async Task<int> EndAsync(ClaimsPrincipal cookiePrincipal, CancellationToken ct)
    {
        var sid = cookiePrincipal.FindFirstValue(Connect.TokenClaims.SessionId);
        if (string.IsNullOrEmpty(sid)) return 0;

        var clients = await sessions.ClientsOfAsync(sid, ct);
        var sends = new List<Task<bool>>();
        foreach (var entry in clients)
        {
            if (options.Value.Clients.TryGetValue(entry.ClientId, out var client)
                && Uri.TryCreate(client.BackChannelLogoutUri, UriKind.Absolute, out var uri))
            {
                sends.Add(sender.SendAsync(entry.ClientId, uri, entry.Subject, sid, ct));
            }
        }
        var delivered = (await Task.WhenAll(sends)).Count(ok => ok);
        await sessions.ForgetAsync(sid, ct);
        logger.LogInformation("Session ended; back-channel logout acknowledged by {Delivered} of {Count} clients", delivered, sends.Count);
        return delivered;
    }
}
