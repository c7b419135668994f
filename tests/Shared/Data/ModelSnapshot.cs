using Microsoft.EntityFrameworkCore;
using Xunit;

namespace BffPlatform.Testing.Data;

/// <summary>
/// A model changed without a migration fails here. Start-up no longer runs EF Core's Migrate on an
/// up-to-date database (it diffed the whole model against the snapshot on every start), so this
/// check, once per context and provider, is where the forgotten migration shows.
/// </summary>
public static class ModelSnapshot
{
    public static void AssertMatchesMigrations(DbContext db)
    {
        var name = db.GetType().Name;
        Assert.False(db.Database.HasPendingModelChanges(),
            $"{name}'s model has changes no migration holds: add one (dotnet ef migrations add <Name> --project <service> --context {name}; docs/operations-database.md).");
    }
}
