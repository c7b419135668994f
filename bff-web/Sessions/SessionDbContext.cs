using Microsoft.EntityFrameworkCore;

namespace BffPlatform.BffWeb.Sessions;

/// <summary>Server-side sessions. Plain columns and indexes only, so any EF Core provider works.</summary>
public sealed class SessionDbContext(DbContextOptions<SessionDbContext> options) : DbContext(options)
{
    public DbSet<UserSession> Sessions => Set<UserSession>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var session = modelBuilder.Entity<UserSession>();
        session.ToTable("UserSessions");
        session.HasKey(s => s.Key);
        session.Property(s => s.Key).HasMaxLength(64);
        session.Property(s => s.Id).HasMaxLength(64);
        session.Property(s => s.Subject).HasMaxLength(200);
        session.Property(s => s.SessionId).HasMaxLength(200);
        session.Property(s => s.UserAgent).HasMaxLength(SessionLimits.UserAgentMaxLength);
        session.HasIndex(s => s.Id).IsUnique();
        session.HasIndex(s => s.Subject);
        session.HasIndex(s => s.SessionId);
        session.HasIndex(s => s.ExpiresAt);
    }
}

internal static class SessionLimits
{
    public const int UserAgentMaxLength = 512;
}
