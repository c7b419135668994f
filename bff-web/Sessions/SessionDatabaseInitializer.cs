using BffPlatform.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace BffPlatform.BffWeb.Sessions;

/// <summary>
/// Creates the session schema on start. One table with plain columns, so EnsureCreated is
/// enough and stays provider-neutral; a schema change would bring migrations.
/// <see cref="DatabaseStartup"/> owns the file and makes a kill mid-create recoverable.
/// </summary>
internal sealed class SessionDatabaseInitializer(IDbContextFactory<SessionDbContext> contexts, DatabaseStartup startup) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await startup.EnsureCreatedAsync(db, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
