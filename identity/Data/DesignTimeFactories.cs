using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace BffPlatform.Identity.Data;

/// <summary>For <c>dotnet ef migrations add</c> (the SQLite set): the model without starting the service.</summary>
internal sealed class IdentityDbDesignFactory : IDesignTimeDbContextFactory<IdentityDb>
{
    public IdentityDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<IdentityDb>().UseSqlite("Data Source=identity.db").UseOpenIddict().Options);
}

/// <summary>For <c>dotnet ef migrations add ... --context PostgresIdentityDb -o Migrations/Postgres</c>; never connects.</summary>
internal sealed class PostgresIdentityDbDesignFactory : IDesignTimeDbContextFactory<PostgresIdentityDb>
{
    public PostgresIdentityDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresIdentityDb>().UseNpgsql("Host=localhost;Database=identity").UseOpenIddict().Options);
}
