using BffPlatform.BffWeb.Sessions;
using BffPlatform.Testing.Data;

namespace BffPlatform.BffWeb.Tests.Sessions;

/// <summary>Each provider's model matches its migrations (no server is contacted).</summary>
public sealed class ModelSnapshotTests
{
    [Fact]
    public void The_SQLite_model_matches_its_migrations()
    {
        using var db = new DesignTimeSessionDbContextFactory().CreateDbContext([]);
        ModelSnapshot.AssertMatchesMigrations(db);
    }

    [Fact]
    public void The_PostgreSQL_model_matches_its_migrations()
    {
        using var db = new DesignTimePostgresSessionDbContextFactory().CreateDbContext([]);
        ModelSnapshot.AssertMatchesMigrations(db);
    }
}
