using System.Net;
using BffPlatform.Contracts.Common;
using BffPlatform.Faults.Tests.Infrastructure;
using BffPlatform.Testing.Processes;
using BffPlatform.Testing.Servers;
using BffPlatform.Testing.Web;

namespace BffPlatform.Faults.Tests.Database;

/// <summary>
/// core-api in the scaled-out mode, on a PostgreSQL server of the test's own that goes down (an
/// immediate stop: connections cut, as in a crash) and comes back: /health/ready fails while it is
/// down, writes fail with 503 database_unavailable after EF Core's retries, nothing is
/// half-written, and the same request with the same Idempotency-Key places one whole order after.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class PostgresDownTests(FaultPlatform platform) : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("faults-pg-").FullName;
    private LocalPostgres _postgres = null!;
    private RestartableService _core = null!;

    public async Task InitializeAsync()
    {
        _postgres = await LocalPostgres.StartNewAsync();
        await _postgres.CreateDatabaseAsync("core");
        _core = platform.Service("core-api-postgres", "core-api", "BffPlatform.CoreApi", FreePort.Next(), new()
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Core"] = _postgres.ConnectionString("core"),
            ["Database:SeedDemoData"] = "true",
            ["DataProtection:KeysPath"] = Path.Combine(_folder, "keys"),
            ["Authentication:Jwt:Authority"] = platform.IdentityUrl + "/",
        });
        await _core.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _core.DisposeAsync();
        await _postgres.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Ready_fails_and_writes_fail_cleanly_while_postgres_is_down_and_nothing_is_half_written()
    {
        using var core = new CoreCalls(platform.IdentityUrl, _core.BaseUrl);
        await core.AuthenticateAsync();
        var product = await core.CreateProductAsync(stock: 5);
        var key = Guid.NewGuid().ToString();

        await _postgres.StopAsync();
        using (var ready = await core.Http.GetAsync("/health/ready"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        }
        using (var refused = await core.PlaceOrderAsync(product, 2, key))
        {
            var problem = await refused.AssertProblemAsync(503, ErrorCodes.DatabaseUnavailable);
            Assert.DoesNotContain("Npgsql", problem.ToJsonString(), StringComparison.OrdinalIgnoreCase);
            Assert.NotNull(refused.Headers.RetryAfter);
        }

        await _postgres.StartAsync();
        Assert.Equal("0", await Sql($"SELECT COUNT(*) FROM order_lines WHERE \"ProductId\" = '{product}'"));
        Assert.Equal("5", await Sql($"SELECT \"Stock\" FROM products WHERE \"Id\" = '{product}'"));

        // Back: ready again by itself (connections cut by the crash are replaced), and the retry
        // with the same key places one whole order.
        await ReadyAgainAsync(core.Http);
        using var retried = await core.PlaceOrderAsync(product, 2, key);
        var order = (await retried.JsonAsync())["id"]!.GetValue<Guid>();
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal("1", await Sql($"SELECT COUNT(*) FROM order_lines WHERE \"ProductId\" = '{product}' AND \"OrderId\" = '{order}'"));
        Assert.Equal("3", await Sql($"SELECT \"Stock\" FROM products WHERE \"Id\" = '{product}'"));
        Assert.Equal("0", await Sql("SELECT COUNT(*) FROM orders o WHERE NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.\"OrderId\" = o.\"Id\")"));
    }

    private async Task ReadyAgainAsync(HttpClient http)
    {
        for (var attempt = 0; attempt < 60; attempt++)
        {
            using var ready = await http.GetAsync("/health/ready");
            if (ready.StatusCode == HttpStatusCode.OK) return;
            await Task.Delay(500);
        }
        Assert.Fail("core-api did not become ready again after PostgreSQL came back\n" + _core.Tail());
    }

    private async Task<string> Sql(string sql) => (await _postgres.PsqlAsync("core", sql)).Trim();
}
