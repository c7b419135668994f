using Microsoft.EntityFrameworkCore;

namespace BffPlatform.BffWeb.Sessions;

/// <summary>
/// Server-side sessions. Plain columns and indexes only, so any EF Core provider works; its
/// migrations (Sessions/Migrations) are the SQLite set, <see cref="PostgresSessionDbContext"/>'s the PostgreSQL one.
/// </summary>
public class SessionDbContext : DbContext
{
    public SessionDbContext(DbContextOptions<SessionDbContext> options) : base(options)
    {
    }

    /// <summary>For the provider-specific context, whose options name its own type.</summary>
    protected SessionDbContext(DbContextOptions options) : base(options)
    {
    }

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

/// <summary>
/// The same model on PostgreSQL (<c>Database:Provider=Postgres</c>): its own type only so that its
/// migrations (Sessions/Migrations/Postgres) are told apart from the SQLite set.
/// </summary>
public sealed class PostgresSessionDbContext(DbContextOptions<PostgresSessionDbContext> options) : SessionDbContext(options);

internal static class SessionLimits
{
    public const int UserAgentMaxLength = 512;
}
