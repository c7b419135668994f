using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace BffPlatform.CoreApi.Data;

/// <summary>For <c>dotnet ef migrations add --context CoreDbContext</c>: the SQLite model without starting the service.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<CoreDbContext>
{
    public CoreDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<CoreDbContext>()
            .UseSqlite($"Data Source={DatabaseOptions.DefaultFileName}")
            .Options);
}

/// <summary>
/// For <c>dotnet ef migrations add --context PostgresCoreDbContext</c>: the PostgreSQL model. No
/// server is contacted to generate a migration; the connection string only names a provider.
/// </summary>
internal sealed class PostgresDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgresCoreDbContext>
{
    public PostgresCoreDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresCoreDbContext>()
            .UseNpgsql("Host=localhost;Database=core")
            .Options);
}
