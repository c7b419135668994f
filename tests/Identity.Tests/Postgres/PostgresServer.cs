using BffPlatform.Identity.Tests.Infrastructure;
using BffPlatform.Testing.Servers;

namespace BffPlatform.Identity.Tests.Postgres;

/// <summary>One real PostgreSQL server for the class; every test gets a database of its own.</summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private LocalPostgres? _server;

    public LocalPostgres Server => _server ?? throw new InvalidOperationException("The server has not started.");

    public async Task InitializeAsync() => _server = await LocalPostgres.StartNewAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }

    /// <summary>identity on a fresh database of this server, with keys given as PEM (generation is refused on PostgreSQL).</summary>
    public async Task<IdentityFactory> NewIdentityAsync()
    {
        var database = $"identity_{Guid.NewGuid():N}";
        await Server.CreateDatabaseAsync(database);
        return new IdentityFactory(settings: new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Identity"] = Server.ConnectionString(database),
            ["Identity:Keys:Signing:0"] = TestKeys.NewPem(),
            ["Identity:Keys:Encryption:0"] = TestKeys.NewPem(),
        });
    }
}
