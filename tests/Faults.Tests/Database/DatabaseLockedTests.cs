using System.Net;
using System.Text.Json.Nodes;
using BffPlatform.Faults.Tests.Infrastructure;
using Xunit.Abstractions;

namespace BffPlatform.Faults.Tests.Database;

/// <summary>
/// core-api's database refuses writes for a while (SQLite's write lock held by another process):
/// writes fail with Problem Details, nothing is half-written, and once the lock is gone the same
/// request (same Idempotency-Key) places exactly one whole order.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class DatabaseLockedTests(FaultPlatform platform, ITestOutputHelper output)
{
    [Fact]
    public async Task Writes_fail_cleanly_while_the_database_is_locked_and_nothing_is_half_written()
    {
        using var core = new CoreCalls(platform);
        await core.AuthenticateAsync();
        var product = await core.CreateProductAsync(stock: 5);
        var database = new CoreDatabase(platform.CoreDatabase);
        var key = Guid.NewGuid().ToString();

        HttpStatusCode status;
        string body;
        await using (await database.HoldWriteLockAsync())
        {
            // Reads go on (WAL): the catalog still answers.
            Assert.Equal(5, await core.StockOfAsync(product));
            using var refused = await core.PlaceOrderAsync(product, 2, key);
            status = refused.StatusCode;
            body = await refused.Content.ReadAsStringAsync();
            output.WriteLine($"while locked: {(int)status} {body}");
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }
        var problem = JsonNode.Parse(body)!;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("database_unavailable", problem["code"]?.GetValue<string>());
        Assert.DoesNotContain("Sqlite", body, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await database.OrdersOfAsync(product));
        Assert.Equal(5, await database.StockAsync(product));

        // The client retries with the same key: one whole order, stock taken once.
        using var retried = await core.PlaceOrderAsync(product, 2, key);
        var retriedBody = await retried.Content.ReadAsStringAsync();
        Assert.True(retried.StatusCode == HttpStatusCode.Created, $"{(int)retried.StatusCode} {retriedBody}\n{platform.CoreApi.Tail()}");
        Assert.Equal(1, await database.OrdersOfAsync(product));
        Assert.Equal(2, await database.SoldAsync(product));
        Assert.Equal(3, await database.StockAsync(product));
        Assert.Equal(0, await database.OrdersWithoutLinesAsync());
    }
}
