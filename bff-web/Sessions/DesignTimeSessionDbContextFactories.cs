using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace BffPlatform.BffWeb.Sessions;

/// <summary>For <c>dotnet ef migrations add</c> only: the SQLite model without the host.</summary>
internal sealed class DesignTimeSessionDbContextFactory : IDesignTimeDbContextFactory<SessionDbContext>
{
    public SessionDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SessionDbContext>().UseSqlite("Data Source=sessions.db").Options);
}

/// <summary>For <c>dotnet ef migrations add --context PostgresSessionDbContext</c> only; no server is contacted.</summary>
internal sealed class DesignTimePostgresSessionDbContextFactory : IDesignTimeDbContextFactory<PostgresSessionDbContext>
{
    public PostgresSessionDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresSessionDbContext>().UseNpgsql("Host=localhost;Database=sessions").Options);
}
