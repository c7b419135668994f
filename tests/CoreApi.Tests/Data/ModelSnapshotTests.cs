using BffPlatform.CoreApi.Data;
using BffPlatform.Testing.Data;

namespace BffPlatform.CoreApi.Tests.Data;

/// <summary>Each provider's model matches its migrations (no server is contacted).</summary>
public sealed class ModelSnapshotTests
{
    [Fact]
    public void The_SQLite_model_matches_its_migrations()
    {
        using var db = new DesignTimeDbContextFactory().CreateDbContext([]);
        ModelSnapshot.AssertMatchesMigrations(db);
    }

    [Fact]
    public void The_PostgreSQL_model_matches_its_migrations()
    {
        using var db = new PostgresDesignTimeDbContextFactory().CreateDbContext([]);
        ModelSnapshot.AssertMatchesMigrations(db);
    }
}
