using BffPlatform.PublicApi.Webhooks.Data;
using BffPlatform.Testing.Data;

namespace BffPlatform.PublicApi.Tests.Webhooks;

/// <summary>Each provider's model matches its migrations (no server is contacted).</summary>
public sealed class ModelSnapshotTests
{
    [Fact]
    public void The_SQLite_model_matches_its_migrations()
    {
        using var db = new DesignTimeWebhookDbContextFactory().CreateDbContext([]);
        ModelSnapshot.AssertMatchesMigrations(db);
    }

    [Fact]
    public void The_PostgreSQL_model_matches_its_migrations()
    {
        using var db = new DesignTimePostgresWebhookDbContextFactory().CreateDbContext([]);
        ModelSnapshot.AssertMatchesMigrations(db);
    }
}
