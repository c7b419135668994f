using System.Net;
using BffPlatform.Contracts.Orders;
using BffPlatform.CoreApi.Sync;
using BffPlatform.CoreApi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static BffPlatform.CoreApi.Tests.Infrastructure.ProductRequests;

namespace BffPlatform.CoreApi.Tests.Sync;

/// <summary>Moves the fixture's clock by weeks, so it has a fixture of its own.</summary>
public sealed class OrderChangeRetentionTests(CoreApiFactory app) : IClassFixture<CoreApiFactory>
{
    private static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    [Fact]
    public async Task A_token_is_honoured_for_the_retention_then_410_and_a_full_sync_starts_again()
    {
        var mug = (await app.StaffClient().CreateAsync(NewProduct(stock: 100))).Product;
        var client = app.CustomerClient("idle");
        var order = await client.PlaceOrderAsync((mug.Id, 1));
        var token = (await client.ChangesAsync()).Since;

        app.Time.Advance(Retention - TimeSpan.FromMinutes(1));
        var late = await client.GetChangesAsync(token);
        app.Time.Advance(TimeSpan.FromMinutes(2));
        var expired = await client.GetChangesAsync(token);
        var full = await client.ChangesAsync();

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        var problem = await expired.AssertProblemAsync(HttpStatusCode.Gone, "sync_token_expired");
        Assert.Contains("without since", problem.GetProperty("detail").GetString());
        Assert.Equal([order.Id], full.Orders.Select(o => o.Id));
    }

    [Fact]
    public async Task The_cleanup_prunes_superseded_changes_past_the_retention_and_keeps_every_orders_latest()
    {
        var mug = (await app.StaffClient().CreateAsync(NewProduct(stock: 100))).Product;
        var client = app.CustomerClient("pruned");
        var moved = await client.PlaceOrderAsync((mug.Id, 1));
        var untouched = await client.PlaceOrderAsync((mug.Id, 1));
        (await app.StaffClient().MoveAsync(moved.Id, OrderStatus.Confirmed)).EnsureSuccessStatusCode();
        var customer = TestTokens.SubjectOf("pruned");
        Task<List<long>> SequencesAsync() => app.WithDbAsync(db =>
            db.OrderChanges.Where(c => c.CustomerId == customer).OrderBy(c => c.Sequence).Select(c => c.Sequence).ToListAsync());
        var cleanup = app.Services.GetRequiredService<OrderChangeCleanup>();

        await cleanup.CleanupOnceAsync(CancellationToken.None);
        var beforeRetention = await SequencesAsync();
        app.Time.Advance(Retention + TimeSpan.FromHours(1));
        await cleanup.CleanupOnceAsync(CancellationToken.None);
        var after = await SequencesAsync();

        Assert.Equal([1, 2, 3], beforeRetention);
        // The placement of "moved" (1) is superseded by its confirmation (3); "untouched" keeps its only change.
        Assert.Equal([2, 3], after);
        var full = await client.ChangesAsync();
        Assert.Equal([untouched.Id, moved.Id], full.Orders.Select(o => o.Id));
        Assert.Equal(OrderStatus.Confirmed, full.Orders[1].Status);
    }
}
