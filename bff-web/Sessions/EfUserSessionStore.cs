using Microsoft.EntityFrameworkCore;

namespace BffPlatform.BffWeb.Sessions;

/// <summary>The embedded default: sessions in a database through EF Core (SQLite file by default).</summary>
internal sealed class EfUserSessionStore(IDbContextFactory<SessionDbContext> contexts) : IUserSessionStore
{
    public async Task CreateAsync(UserSession session, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Sessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<UserSession?> GetAsync(string key, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Sessions.AsNoTracking().SingleOrDefaultAsync(s => s.Key == key, cancellationToken);
    }

    public async Task<bool> UpdateTicketAsync(string key, byte[] ticket, DateTime expiresAt, DateTime lastSeenAt, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var updated = await db.Sessions.Where(s => s.Key == key).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.Ticket, ticket)
            .SetProperty(s => s.ExpiresAt, expiresAt)
            .SetProperty(s => s.LastSeenAt, lastSeenAt), cancellationToken);
        return updated > 0;
    }

    public async Task TouchAsync(string key, DateTime lastSeenAt, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Sessions.Where(s => s.Key == key).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, lastSeenAt), cancellationToken);
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Sessions.Where(s => s.Key == key).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<UserSession>> ListBySubjectAsync(string subject, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Sessions.AsNoTracking().Where(s => s.Subject == subject).OrderByDescending(s => s.LastSeenAt).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<UserSession>> DeleteBySubjectOrSessionIdAsync(string? subject, string? sessionId, CancellationToken cancellationToken)
    {
        if (subject is null && sessionId is null)
        {
            return [];
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Sessions.AsQueryable();
        if (subject is not null) query = query.Where(s => s.Subject == subject);
        if (sessionId is not null) query = query.Where(s => s.SessionId == sessionId);
        var matches = await query.AsNoTracking().ToListAsync(cancellationToken);
        var keys = matches.Select(s => s.Key).ToList();
        await db.Sessions.Where(s => keys.Contains(s.Key)).ExecuteDeleteAsync(cancellationToken);
        return matches;
    }

    public async Task<int> DeleteExpiredAsync(DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Sessions.Where(s => s.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
    }
}
