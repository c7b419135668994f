using Microsoft.EntityFrameworkCore;

namespace BffPlatform.BffWeb.Sessions;

/// <summary>
/// Creates the session schema on start. One table with plain columns, so EnsureCreated is
/// enough and stays provider-neutral; a schema change would bring migrations.
/// </summary>
internal sealed class SessionDatabaseInitializer(IDbContextFactory<SessionDbContext> contexts) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (db.Database.GetDbConnection().DataSource is { Length: > 0 } file && db.Database.IsSqlite())
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(file));
            if (directory is not null) Directory.CreateDirectory(directory);
        }
        await db.Database.EnsureCreatedAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
