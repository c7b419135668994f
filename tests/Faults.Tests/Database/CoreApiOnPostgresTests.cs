using System.Net;
using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Orders;
using BffPlatform.Faults.Tests.Infrastructure;
using BffPlatform.Testing.Web;
using Xunit.Abstractions;

namespace BffPlatform.Faults.Tests.Database;

/// <summary>
/// core-api in the scaled-out mode, on a PostgreSQL server of the class's own: the server stopped at
/// once (connections cut, as in a crash) with and without writes running, and core-api killed
/// (SIGKILL) while writes run. Whatever was acknowledged is there afterwards; whatever was not is
/// either absent or, retried with its key, answered once; orders, stock, events and sync rows agree.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class CoreApiOnPostgresTests(FaultPlatform platform, PostgresCore server, ITestOutputHelper output) : IClassFixture<PostgresCore>
{
    private const int Writers = 4;
    private const int Stock = 100_000;

    /// <summary>Any answer comes within EF Core's retry budget (5 retries at most 5 s apart, then the claim's release): never a hang.</summary>
    private static readonly TimeSpan AnswerBound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Ready_fails_and_writes_fail_cleanly_while_postgres_is_down_and_nothing_is_half_written()
    {
        var core = await server.StartAsync(platform);
        using var calls = new CoreCalls(platform.IdentityUrl, core.BaseUrl);
        await calls.AuthenticateAsync();
        var product = await calls.CreateProductAsync(stock: 5);
        var key = Guid.NewGuid().ToString();

        await server.Postgres.StopAsync();
        try
        {
            using (var ready = await calls.Http.GetAsync("/health/ready"))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            }
            using var refused = await calls.PlaceOrderAsync(product, 2, key);
            var problem = await refused.AssertProblemAsync(503, ErrorCodes.DatabaseUnavailable);
            Assert.DoesNotContain("Npgsql", problem.ToJsonString(), StringComparison.OrdinalIgnoreCase);
            Assert.NotNull(refused.Headers.RetryAfter);
        }
        finally
        {
            await server.Postgres.StartAsync();
        }
        Assert.Equal(0, await server.ScalarAsync($"SELECT COUNT(*) FROM order_lines WHERE \"ProductId\" = '{product}'"));
        Assert.Equal(5, await server.ScalarAsync($"SELECT \"Stock\" FROM products WHERE \"Id\" = '{product}'"));

        // Back: ready again by itself (connections cut by the crash are replaced), and the retry
        // with the same key places one whole order.
        await ReadyAgainAsync(calls.Http, core);
        using var retried = await calls.PlaceOrderAsync(product, 2, key);
        var order = (await retried.JsonAsync())["id"]!.GetValue<Guid>();
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal(1, await server.ScalarAsync($"SELECT COUNT(*) FROM order_lines WHERE \"ProductId\" = '{product}' AND \"OrderId\" = '{order}'"));
        Assert.Equal(3, await server.ScalarAsync($"SELECT \"Stock\" FROM products WHERE \"Id\" = '{product}'"));
        await AssertConsistentAsync(product, 5);
    }

    [Fact]
    public async Task Postgres_going_down_under_writes_fails_them_cleanly_loses_nothing_and_recovers_without_a_restart()
    {
        var core = await server.StartAsync(platform);
        using var calls = new CoreCalls(platform.IdentityUrl, core.BaseUrl);
        await calls.AuthenticateAsync();
        var product = await calls.CreateProductAsync(Stock);

        var writers = OrderWriters.Start(calls, product, Writers);
        List<OrderAttempt> attempts;
        try
        {
            await writers.WaitForAsync(a => a.Acknowledged, 20, TimeSpan.FromSeconds(120), () => core.Tail());
            await server.Postgres.StopAsync();
            // Every writer meets the outage.
            await writers.WaitForAsync(a => a.Status == 503, Writers, TimeSpan.FromSeconds(240), () => core.Tail());
            using var ready = await calls.Http.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        }
        finally
        {
            await writers.StopAsync();
            await server.Postgres.StartAsync();
        }
        attempts = [.. writers.Attempts];
        Report(attempts);

        Assert.All(attempts, a => Assert.True(a.Acknowledged || (a.Status == 503 && a.Code == ErrorCodes.DatabaseUnavailable),
            $"{a.Status} {a.Code} after {a.Took.TotalSeconds:F1} s: {a.Error}"));
        Assert.All(attempts, a => Assert.True(a.Took < AnswerBound, $"an answer took {a.Took.TotalSeconds:F1} s"));
        Assert.All(attempts.Where(a => a.Error is not null), a => Assert.DoesNotContain("Npgsql", a.Error!, StringComparison.OrdinalIgnoreCase));

        // The same process serves again once PostgreSQL is back: no restart.
        await ReadyAgainAsync(calls.Http, core);
        Assert.True(core.IsRunning);
        await AssertNothingLostAsync(calls, product, attempts);
    }

    [Fact]
    public async Task Core_api_killed_mid_write_on_postgres_loses_nothing_it_acknowledged()
    {
        var core = await server.StartAsync(platform);
        using var calls = new CoreCalls(platform.IdentityUrl, core.BaseUrl);
        await calls.AuthenticateAsync();
        var product = await calls.CreateProductAsync(Stock);

        var writers = OrderWriters.Start(calls, product, Writers);
        try
        {
            await writers.WaitForAsync(a => a.Acknowledged, 30, TimeSpan.FromSeconds(120), () => core.Tail());
            await core.KillAsync();
            // Every writer finds it gone.
            await writers.WaitForAsync(a => a.Status is null, Writers, TimeSpan.FromSeconds(60), () => core.Tail());
        }
        finally
        {
            await writers.StopAsync();
            if (!core.IsRunning) await core.StartAsync();
        }
        var attempts = writers.Attempts.ToList();
        Report(attempts);

        // Killed mid-request: the connection dropped, never a 5xx that said something else.
        Assert.All(attempts, a => Assert.True(a.Acknowledged || a.Status is null, $"{a.Status} {a.Code}: {a.Error}"));
        await AssertNothingLostAsync(calls, product, attempts);
    }

    /// <summary>
    /// Every acknowledged order is in the database; every key that got no order is retried, as a
    /// client would, and answered once (its order committed before the failure is replayed, or it is
    /// placed now); then the product's orders are exactly those, and the books agree.
    /// </summary>
    private async Task AssertNothingLostAsync(CoreCalls calls, Guid product, List<OrderAttempt> attempts)
    {
        var acknowledged = attempts.Where(a => a.Acknowledged).Select(a => a.OrderId!.Value).ToList();
        Assert.NotEmpty(acknowledged);
        Assert.Equal(acknowledged.Count, await server.ScalarAsync(
            $"SELECT COUNT(*) FROM orders WHERE \"Id\" IN ({string.Join(", ", acknowledged.Select(id => $"'{id}'"))})"));

        var orders = new HashSet<Guid>(acknowledged);
        foreach (var unanswered in attempts.Where(a => !a.Acknowledged))
        {
            orders.Add(await RetryUntilPlacedAsync(calls, product, unanswered.Key));
        }
        output.WriteLine($"{acknowledged.Count} acknowledged, {attempts.Count - acknowledged.Count} retried, {orders.Count} orders");

        var inDatabase = (await server.Postgres.PsqlAsync("core", $"SELECT \"OrderId\" FROM order_lines WHERE \"ProductId\" = '{product}'"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse).ToHashSet();
        Assert.Equal(orders.Order(), inDatabase.Order());
        await AssertConsistentAsync(product, Stock);
    }

    /// <summary>The retry a client makes with the same key: a claim left by the dead request answers 409 until it times out.</summary>
    private static async Task<Guid> RetryUntilPlacedAsync(CoreCalls calls, Guid product, string key)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var attempt = await OrderWriters.PlaceAsync(calls, product, key);
            if (attempt.Acknowledged) return attempt.OrderId!.Value;
            Assert.True(attempt.Status == 409 && attempt.Code == ErrorCodes.IdempotencyRequestInFlight && DateTime.UtcNow < deadline,
                $"retrying key {key}: {attempt.Status} {attempt.Code} {attempt.Error}");
            await Task.Delay(500);
        }
    }

    /// <summary>Stock plus sold is what the product started with; every order has lines, its created event and its sync row.</summary>
    private async Task AssertConsistentAsync(Guid product, int initialStock)
    {
        Assert.Equal(initialStock, await server.ScalarAsync(
            $"SELECT p.\"Stock\" + COALESCE((SELECT SUM(l.\"Quantity\") FROM order_lines l WHERE l.\"ProductId\" = p.\"Id\"), 0) FROM products p WHERE p.\"Id\" = '{product}'"));
        Assert.Equal(0, await server.ScalarAsync("SELECT COUNT(*) FROM orders o WHERE NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.\"OrderId\" = o.\"Id\")"));
        Assert.Equal(0, await server.ScalarAsync(
            $"SELECT COUNT(*) FROM orders o WHERE NOT EXISTS (SELECT 1 FROM outbox_events e WHERE e.\"AggregateId\" = o.\"Id\" AND e.\"Type\" = '{OrderEventTypes.OrderCreated}')"));
        Assert.Equal(0, await server.ScalarAsync(
            $"SELECT COUNT(*) FROM outbox_events e WHERE e.\"Type\" = '{OrderEventTypes.OrderCreated}' AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.\"Id\" = e.\"AggregateId\")"));
        Assert.Equal(0, await server.ScalarAsync(
            $"SELECT COUNT(*) FROM orders o WHERE (SELECT COUNT(*) FROM outbox_events e WHERE e.\"AggregateId\" = o.\"Id\" AND e.\"Type\" = '{OrderEventTypes.OrderCreated}') <> 1"));
        Assert.Equal(0, await server.ScalarAsync("SELECT COUNT(*) FROM orders o WHERE NOT EXISTS (SELECT 1 FROM order_changes c WHERE c.\"OrderId\" = o.\"Id\")"));
    }

    private static async Task ReadyAgainAsync(HttpClient http, RestartableService core)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            using var ready = await http.GetAsync("/health/ready");
            if (ready.StatusCode == HttpStatusCode.OK) return;
            await Task.Delay(500);
        }
        Assert.Fail("core-api did not become ready again after PostgreSQL came back\n" + core.Tail());
    }

    private void Report(List<OrderAttempt> attempts)
    {
        foreach (var group in attempts.GroupBy(a => (a.Status, a.Code)))
        {
            var took = group.Select(a => a.Took.TotalSeconds).ToList();
            output.WriteLine($"{group.Key.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no answer"} {group.Key.Code}: {group.Count()} (took {took.Min():F2}-{took.Max():F2} s)");
        }
    }
}
