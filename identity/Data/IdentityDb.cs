using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace BffPlatform.Identity.Data;

/// <summary>
/// Users (ASP.NET Core Identity), OpenIddict's applications/authorizations/tokens, and session clients.
/// Its migrations in <c>Migrations/</c> are the SQLite set; <see cref="PostgresIdentityDb"/> carries the PostgreSQL set.
/// </summary>
public class IdentityDb : IdentityDbContext<AppUser>
{
    public IdentityDb(DbContextOptions<IdentityDb> options) : base(options)
    {
    }

    /// <summary>For <see cref="PostgresIdentityDb"/>: its own options type keeps its migrations apart.</summary>
    protected IdentityDb(DbContextOptions options) : base(options)
    {
    }

    public DbSet<SessionClient> SessionClients => Set<SessionClient>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.UseOpenIddict();
        builder.Entity<AppUser>(u =>
        {
            u.Property(x => x.DisplayName).HasMaxLength(200);
            u.Property(x => x.Role).HasMaxLength(20);
        });
        builder.Entity<SessionClient>(s =>
        {
            s.Property(x => x.SessionId).HasMaxLength(100);
            s.Property(x => x.ClientId).HasMaxLength(100);
            s.Property(x => x.Subject).HasMaxLength(100);
            s.HasIndex(x => new { x.SessionId, x.ClientId }).IsUnique();
        });
    }
}

/// <summary>
/// The same model on PostgreSQL. A context type of its own so that EF Core finds the PostgreSQL
/// migrations (<c>Migrations/Postgres/</c>) for it and the SQLite ones for <see cref="IdentityDb"/>;
/// everything else asks for <see cref="IdentityDb"/> and gets this one when the provider is Postgres.
/// </summary>
public sealed class PostgresIdentityDb(DbContextOptions<PostgresIdentityDb> options) : IdentityDb(options);
