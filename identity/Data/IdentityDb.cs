using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace BffPlatform.Identity.Data;

/// <summary>Users (ASP.NET Core Identity), OpenIddict's applications/authorizations/tokens, and session clients.</summary>
public sealed class IdentityDb(DbContextOptions<IdentityDb> options) : IdentityDbContext<AppUser>(options)
{
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
