using System.Security.Cryptography;
using BffPlatform.Identity.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;

namespace BffPlatform.Identity.Sessions;

/// <summary>Session ids (<c>sid</c>) and which clients signed in under each, for back-channel logout.</summary>
public sealed class SessionRegistry(IdentityDb db, TimeProvider time)
{
    /// <summary>A fresh, unguessable session id for one interactive sign-in.</summary>
    public static string NewSessionId() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(24));

    public async Task RecordClientAsync(string sessionId, string clientId, string subject, CancellationToken ct)
    {
        var known = await db.SessionClients.AnyAsync(s => s.SessionId == sessionId && s.ClientId == clientId, ct);
        if (known) return;
        db.SessionClients.Add(new SessionClient { SessionId = sessionId, ClientId = clientId, Subject = subject, CreatedAt = time.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two authorize requests of one session raced; the unique index kept one row, which is all we need.
            db.ChangeTracker.Clear();
        }
    }

    public Task<List<SessionClient>> ClientsOfAsync(string sessionId, CancellationToken ct) =>
        db.SessionClients.AsNoTracking().Where(s => s.SessionId == sessionId).ToListAsync(ct);

    public Task ForgetAsync(string sessionId, CancellationToken ct) =>
        db.SessionClients.Where(s => s.SessionId == sessionId).ExecuteDeleteAsync(ct);
}
