using BffPlatform.Identity.Data;
using Microsoft.EntityFrameworkCore;
using BffPlatform.Testing.Data;

namespace BffPlatform.Identity.Tests;

/// <summary>Each provider's model matches its migrations (no server is contacted).</summary>
public sealed class ModelSnapshotTests
{
    [Fact]
    public void The_SQLite_model_matches_its_migrations()
    {
        using var db = new IdentityDb(new DbContextOptionsBuilder<IdentityDb>().UseSqlite("Data Source=identity.db").UseOpenIddict().Options);
        ModelSnapshot.AssertMatchesMigrations(db);
    }

    [Fact]
    public void The_PostgreSQL_model_matches_its_migrations()
    {
        using var db = new PostgresIdentityDb(new DbContextOptionsBuilder<PostgresIdentityDb>().UseNpgsql("Host=localhost;Database=identity").UseOpenIddict().Options);
        ModelSnapshot.AssertMatchesMigrations(db);
    }
}
