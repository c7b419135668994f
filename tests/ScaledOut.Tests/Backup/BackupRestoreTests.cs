using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BffPlatform.Contracts.Orders;

namespace BffPlatform.ScaledOut.Tests.Backup;

/// <summary>
/// docs/operations-database.md's backup and restore procedure, run as written (its <c>bash backup</c>
/// and <c>bash restore</c> blocks) against core-api on PostgreSQL as a process, with customers
/// placing orders the whole time the dump runs.
/// </summary>
public sealed partial class BackupRestoreTests : IAsyncLifetime
{
    private const string Source = "shop";
    private const string Restored = "shop_restored";
    private readonly string _folder = Directory.CreateTempSubdirectory("core-api-backup-").FullName;
    private LocalPostgres _postgres = null!;

    public async Task InitializeAsync() => _postgres = await LocalPostgres.StartNewAsync();

    public async Task DisposeAsync()
    {
        await _postgres.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [Fact]
    public async Task A_backup_taken_while_orders_are_placed_restores_every_committed_order_whole()
    {
        await using var api = await CoreApiOnPostgres.StartAsync(_postgres.ConnectionString(Source), _folder);
        var products = await StockedProductsAsync(api);
        var initialStock = products.ToDictionary(p => p.Id, p => p.Stock);

        // Customers order all along; each success is recorded with when it was sent and answered.
        var placed = new ConcurrentQueue<(Guid Order, long SentAt, long AnsweredAt)>();
        using var stop = new CancellationTokenSource();
        var failures = new ConcurrentQueue<string>();
        var buyers = Enumerable.Range(0, 4).Select(i => BuyAsync(api.Customer($"buyer{i}"), products, i, placed, failures, stop.Token)).ToList();

        await WaitForAsync(() => placed.Count >= 15, "orders before the dump", api);
        var dumpStarted = Stopwatch.GetTimestamp();
        var backup = await RunDocumentBlockAsync("backup");
        var dumpEnded = Stopwatch.GetTimestamp();
        var countAtEnd = placed.Count;
        await WaitForAsync(() => placed.Count >= countAtEnd + 10, "orders after the dump", api);
        await stop.CancelAsync();
        await Task.WhenAll(buyers);
        Assert.True(failures.IsEmpty, string.Join('\n', failures) + "\n" + api.Tail());
        Assert.True(backup.ExitCode == 0, $"the backup block failed: {backup.Output}");

        var restore = await RunDocumentBlockAsync("restore");
        Assert.True(restore.ExitCode == 0, $"the restore block failed: {restore.Output}");

        var restoredOrders = (await QueryAsync("""SELECT "Id" FROM orders """)).Select(Guid.Parse).ToHashSet();
        var before = placed.Where(p => p.AnsweredAt < dumpStarted).Select(p => p.Order).ToList();
        var after = placed.Where(p => p.SentAt > dumpEnded).Select(p => p.Order).ToList();
        Assert.True(before.Count >= 15 && after.Count >= 1, $"{before.Count} orders before the dump, {after.Count} after");
        // Committed (answered) before the dump began: in the backup, every one.
        Assert.All(before, id => Assert.Contains(id, restoredOrders));
        // Sent after the dump ended: not in it (the backup is a snapshot, not a live copy).
        Assert.All(after, id => Assert.DoesNotContain(id, restoredOrders));

        // Nothing half written: every order has lines, its order.created event and its feed row;
        // every event belongs to an order; and the stock taken equals the quantities ordered.
        Assert.Equal("0", await ScalarAsync("""SELECT COUNT(*) FROM orders o WHERE NOT EXISTS (SELECT 1 FROM order_lines l WHERE l."OrderId" = o."Id")"""));
        Assert.Equal("0", await ScalarAsync($"""SELECT COUNT(*) FROM orders o WHERE NOT EXISTS (SELECT 1 FROM outbox_events e WHERE e."AggregateId" = o."Id" AND e."Type" = '{OrderEventTypes.OrderCreated}')"""));
        Assert.Equal("0", await ScalarAsync("""SELECT COUNT(*) FROM orders o WHERE NOT EXISTS (SELECT 1 FROM order_changes c WHERE c."OrderId" = o."Id")"""));
        Assert.Equal("0", await ScalarAsync("""SELECT COUNT(*) FROM outbox_events e WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o."Id" = e."AggregateId")"""));
        Assert.Equal(restoredOrders.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            await ScalarAsync($"""SELECT COUNT(*) FROM outbox_events WHERE "Type" = '{OrderEventTypes.OrderCreated}'"""));
        foreach (var row in await QueryAsync("""SELECT p."Id" || ',' || p."Stock" || ',' || COALESCE((SELECT SUM(l."Quantity") FROM order_lines l WHERE l."ProductId" = p."Id"), 0) FROM products p"""))
        {
            var parts = row.Split(',');
            var id = Guid.Parse(parts[0]);
            if (initialStock.TryGetValue(id, out var initial))
            {
                Assert.Equal(initial, int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) + int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        // core-api serves the restored database as it is: its migration history came along.
        await using var onRestored = await CoreApiOnPostgres.StartAsync(_postgres.ConnectionString(Restored), _folder, migrateOnStart: false, seed: false);
        var first = placed.First();
        var buyer = await ScalarAsync($"""SELECT "CustomerId" FROM orders WHERE "Id" = '{first.Order}'""");
        using var read = await onRestored.Customer(buyer["sub-".Length..]).GetAsync($"/api/v1/orders/{first.Order}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    private sealed record Stocked(Guid Id, int Stock);

    private static async Task<IReadOnlyList<Stocked>> StockedProductsAsync(CoreApiOnPostgres api)
    {
        var page = JsonNode.Parse(await api.Customer("reader").GetStringAsync("/api/v1/products?pageSize=100"))!;
        return page["items"]!.AsArray()
            .Select(p => new Stocked(Guid.Parse(p!["id"]!.GetValue<string>()), p["stock"]!.GetValue<int>()))
            .Where(p => p.Stock >= 40)
            .ToList();
    }

    private static async Task BuyAsync(HttpClient client, IReadOnlyList<Stocked> products, int buyer,
        ConcurrentQueue<(Guid, long, long)> placed, ConcurrentQueue<string> failures, CancellationToken stop)
    {
        for (var n = buyer; !stop.IsCancellationRequested; n++)
        {
            var product = products[n % products.Count];
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders")
            {
                Content = JsonContent.Create(new { lines = new[] { new { productId = product.Id, quantity = 1 } } }),
            };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
            var sent = Stopwatch.GetTimestamp();
            using var response = await client.SendAsync(request, CancellationToken.None);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                failures.Enqueue($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(CancellationToken.None)}");
                return;
            }
            var order = JsonNode.Parse(await response.Content.ReadAsStringAsync(CancellationToken.None))!;
            placed.Enqueue((Guid.Parse(order["id"]!.GetValue<string>()), sent, Stopwatch.GetTimestamp()));
        }
    }

    private static async Task WaitForAsync(Func<bool> condition, string what, CoreApiOnPostgres api)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}\n{api.Tail()}");
            await Task.Delay(50);
        }
    }

    /// <summary>Runs the doc's <c>```bash {name}</c> block with bash, as an operator would, with the libpq variables set.</summary>
    private async Task<(int ExitCode, string Output)> RunDocumentBlockAsync(string name)
    {
        var document = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "docs", "operations-database.md"));
        var blocks = DocumentBlock().Matches(document).Where(m => m.Groups["name"].Value == name).Select(m => m.Groups["script"].Value).ToList();
        var script = Assert.Single(blocks);
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _folder };
        foreach (var argument in new[] { "-euo", "pipefail", "-c", script })
        {
            info.ArgumentList.Add(argument);
        }
        info.Environment["PATH"] = $"{_postgres.BinDirectory}:{Environment.GetEnvironmentVariable("PATH")}";
        info.Environment["PGHOST"] = "127.0.0.1";
        info.Environment["PGPORT"] = _postgres.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["PGUSER"] = "postgres";
        info.Environment["PGPASSWORD"] = "postgres";
        info.Environment["CORE_DB"] = Source;
        info.Environment["BACKUP_FILE"] = Path.Combine(_folder, "core.dump");
        info.Environment["RESTORE_DB"] = Restored;
        using var bash = Process.Start(info)!;
        var output = bash.StandardOutput.ReadToEndAsync();
        var errors = bash.StandardError.ReadToEndAsync();
        await bash.WaitForExitAsync();
        return (bash.ExitCode, $"{await output}\n{await errors}");
    }

    private async Task<IReadOnlyList<string>> QueryAsync(string sql) =>
        (await _postgres.PsqlAsync(Restored, sql)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private Task<string> ScalarAsync(string sql) => _postgres.PsqlAsync(Restored, sql);

    [GeneratedRegex("```bash (?<name>[a-z-]+)\\n(?<script>.*?)```", RegexOptions.Singleline)]
    private static partial Regex DocumentBlock();
}
