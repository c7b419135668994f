using BffPlatform.Testing.Servers;
using Microsoft.AspNetCore.Hosting;
using Npgsql;

namespace BffPlatform.CoreApi.Tests.Infrastructure;

/// <summary>
/// core-api on a real PostgreSQL (<c>Database:Provider=Postgres</c>): the test run's one server
/// (<see cref="TestPostgres"/>), a database of its own per factory, created and migrated by
/// core-api's start-up with the PostgreSQL migrations set, like production.
/// </summary>
public class PostgresCoreApiFactory : CoreApiFactory
{
    private string? _connectionString;

    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("Not initialized yet.");

    protected override void ConfigureDatabase(IWebHostBuilder builder)
    {
        builder.UseSetting("Database:Provider", "Postgres");
        builder.UseSetting("ConnectionStrings:Core", ConnectionString);
    }

    public override async Task InitializeAsync()
    {
        var server = await TestPostgres.ServerAsync();
        // Migrate creates the database; the pool is bounded so that classes running side by side
        // stay under the server's connection limit, and a request waits for a connection rather
        // than failing (the concurrency tests send 50 at once).
        _connectionString = new NpgsqlConnectionStringBuilder(server.ConnectionString($"core_{Guid.NewGuid():N}"))
        {
            MaxPoolSize = 30,
            Timeout = 30,
        }.ConnectionString;
        await base.InitializeAsync();
    }

    /// <summary>This factory's idle connections (the database itself goes with the test run's server).</summary>
    protected override void ReleaseDatabase()
    {
        if (_connectionString is not null)
        {
            using var connection = new NpgsqlConnection(_connectionString);
            NpgsqlConnection.ClearPool(connection);
        }
    }
}

/// <summary>The test run's PostgreSQL server: started on first use, stopped when the test process exits.</summary>
public static class TestPostgres
{
    private static readonly Lazy<Task<LocalPostgres>> Server = new(StartAsync);

    public static Task<LocalPostgres> ServerAsync() => Server.Value;

    private static async Task<LocalPostgres> StartAsync()
    {
        var server = await LocalPostgres.StartNewAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return server;
    }
}
