using BffPlatform.Testing.Processes;
using BffPlatform.Testing.Servers;

namespace BffPlatform.Faults.Tests.Infrastructure;

/// <summary>
/// core-api in the scaled-out mode: a PostgreSQL server of the class's own (database <c>core</c>,
/// migrated by core-api's start-up) and one core-api process on it that a test may kill and start
/// again, trusting the platform's identity. Started on first use and shared by the class's tests.
/// </summary>
public sealed class PostgresCore : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("faults-pg-").FullName;
    private RestartableService? _core;

    public LocalPostgres Postgres { get; private set; } = null!;

    public RestartableService Core => _core ?? throw new InvalidOperationException($"Call {nameof(StartAsync)} first.");

    public async Task InitializeAsync()
    {
        Postgres = await LocalPostgres.StartNewAsync();
        await Postgres.CreateDatabaseAsync("core");
    }

    /// <summary>core-api on this server, for <paramref name="platform"/>'s identity (once; later calls return it).</summary>
    public async Task<RestartableService> StartAsync(FaultPlatform platform)
    {
        if (_core is not null) return _core;
        _core = platform.Service("core-api-postgres", "core-api", "BffPlatform.CoreApi", FreePort.Next(), new()
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Core"] = Postgres.ConnectionString("core"),
            ["Database:SeedDemoData"] = "true",
            ["DataProtection:KeysPath"] = Path.Combine(_folder, "keys"),
            ["Authentication:Jwt:Authority"] = platform.IdentityUrl + "/",
            // A claim whose request died with the database (or the process) blocks its key this long;
            // the shortest allowed, so the tests' retries get through within their bounds.
            ["Idempotency:InFlightTimeout"] = "00:00:10",
        });
        await _core.StartAsync();
        return _core;
    }

    /// <summary>One value of a SQL query on core-api's database, read behind its back.</summary>
    public async Task<long> ScalarAsync(string sql) =>
        long.Parse((await Postgres.PsqlAsync("core", sql)).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    public async Task DisposeAsync()
    {
        if (_core is not null) await _core.DisposeAsync();
        if (Postgres is not null) await Postgres.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
