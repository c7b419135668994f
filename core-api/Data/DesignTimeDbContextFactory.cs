using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace BffPlatform.CoreApi.Data;

/// <summary>For <c>dotnet ef migrations add</c>: the model without starting the service.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<CoreDbContext>
{
    public CoreDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<CoreDbContext>()
            .UseSqlite($"Data Source={DatabaseOptions.DefaultFileName}")
            .Options);
}
