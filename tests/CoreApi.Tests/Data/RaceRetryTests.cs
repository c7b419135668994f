using System.Net;
using System.Net.Http.Json;
using BffPlatform.Contracts.Carts;
using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Outbox;
using BffPlatform.Contracts.Partners;
using BffPlatform.CoreApi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static BffPlatform.CoreApi.Tests.Infrastructure.ProductRequests;

namespace BffPlatform.CoreApi.Tests.Data;

/// <summary>
/// The writes that may lose a race on a unique index (a new user's row, a usage report's row, an
/// event's acknowledgement) run again once another writer inserted first, and answer as if no race
/// had happened; a database that refuses work (SQLite busy after its busy timeout) is no race:
/// one try, then 503 database_unavailable. Before, every such loop also caught the busy error and
/// waited out the busy timeout up to three times before answering. The cart add no longer races
/// at all (one transaction behind the cart row): one try there too.
/// </summary>
public sealed class RaceRetryTests(InsertFaultsCoreApiFactory app) : IClassFixture<InsertFaultsCoreApiFactory>
{
    private DateOnly Today => DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime);

    [Fact]
    public async Task A_new_users_row_lost_to_a_concurrent_insert_is_read_and_updated()
    {
        app.FailInserts("users", 1, InsertFaultsCoreApiFactory.UniqueViolation);
        var response = await app.CustomerClient("race-user").GetAsync("/api/v1/users/me");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, app.Inserts);
        Assert.Equal(1, await app.WithDbAsync(db => db.Users.CountAsync(u => u.Id == TestTokens.SubjectOf("race-user"))));
    }

    [Fact]
    public async Task A_busy_database_is_tried_once_for_a_new_user()
    {
        app.FailInserts("users", 10, InsertFaultsCoreApiFactory.Busy);
        var response = await app.CustomerClient("busy-user").GetAsync("/api/v1/users/me");
        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, ErrorCodes.DatabaseUnavailable);
        Assert.Equal(1, app.Inserts);
        app.FailInserts("users", 0, InsertFaultsCoreApiFactory.Busy);
    }

    [Fact]
    public async Task A_usage_row_lost_to_a_concurrent_report_is_replaced_not_added_to()
    {
        var key = await NewKeyAsync();
        app.FailInserts("partner_usage", 1, InsertFaultsCoreApiFactory.UniqueViolation);
        var response = await ReportAsync(key, 7);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(2, app.Inserts);
        var rows = await app.WithDbAsync(db => db.PartnerUsage.AsNoTracking().Where(u => u.KeyId == key).ToListAsync());
        Assert.Equal(7, Assert.Single(rows).Requests);
    }

    [Fact]
    public async Task A_busy_database_is_tried_once_for_a_usage_report()
    {
        var key = await NewKeyAsync();
        app.FailInserts("partner_usage", 10, InsertFaultsCoreApiFactory.Busy);
        await (await ReportAsync(key, 3)).AssertProblemAsync(HttpStatusCode.ServiceUnavailable, ErrorCodes.DatabaseUnavailable);
        Assert.Equal(1, app.Inserts);
        app.FailInserts("partner_usage", 0, InsertFaultsCoreApiFactory.Busy);
        Assert.Equal(0, await app.WithDbAsync(db => db.PartnerUsage.CountAsync(u => u.KeyId == key)));
    }

    [Fact]
    public async Task An_acknowledgement_lost_to_a_concurrent_one_is_recomputed()
    {
        var ids = await NewEventsAsync();
        app.FailInserts("outbox_deliveries", 1, InsertFaultsCoreApiFactory.UniqueViolation);
        var response = await AckAsync("race-consumer", ids);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(2, app.Inserts);
        Assert.Equal(ids.Length, await app.WithDbAsync(db => db.OutboxDeliveries.CountAsync(d => d.Consumer == "race-consumer")));
    }

    [Fact]
    public async Task A_busy_database_is_tried_once_for_an_acknowledgement()
    {
        var ids = await NewEventsAsync();
        app.FailInserts("outbox_deliveries", 10, InsertFaultsCoreApiFactory.Busy);
        await (await AckAsync("busy-consumer", ids)).AssertProblemAsync(HttpStatusCode.ServiceUnavailable, ErrorCodes.DatabaseUnavailable);
        Assert.Equal(1, app.Inserts);
        app.FailInserts("outbox_deliveries", 0, InsertFaultsCoreApiFactory.Busy);
        Assert.Equal(0, await app.WithDbAsync(db => db.OutboxDeliveries.CountAsync(d => d.Consumer == "busy-consumer")));
    }

    [Fact]
    public async Task A_busy_database_is_tried_once_for_a_cart_add()
    {
        var mug = (await app.StaffClient().CreateAsync(NewProduct(stock: 10))).Product;
        var customer = app.CustomerClient("busy-cart");
        await customer.GetAsync("/api/v1/users/me");
        app.FailInserts("cart_lines", 10, InsertFaultsCoreApiFactory.Busy);
        var response = await customer.PostAsJsonAsync("/api/v1/cart/items", new AddCartItemRequest(mug.Id, 1));
        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, ErrorCodes.DatabaseUnavailable);
        Assert.Equal(1, app.Inserts);
        app.FailInserts("cart_lines", 0, InsertFaultsCoreApiFactory.Busy);
        Assert.Equal(0, await app.WithDbAsync(db => db.CartLines.CountAsync(l => l.UserId == TestTokens.SubjectOf("busy-cart"))));
    }

    private async Task<Guid> NewKeyAsync()
    {
        var partner = await app.CreatePartnerAsync("Race " + Guid.NewGuid().ToString("N")[..6]);
        return (await app.IssueKeyAsync(partner.Id)).Key.Id;
    }

    private Task<HttpResponseMessage> ReportAsync(Guid key, long requests) =>
        app.PublicApiClient().PutAsJsonAsync("/api/v1/partners/usage", new UsageReportRequest("race-reporter", [new UsageCountDto(key, Today, requests, 0)]));

    private async Task<long[]> NewEventsAsync()
    {
        var mug = (await app.StaffClient().CreateAsync(NewProduct(stock: 10))).Product;
        var order = await app.CustomerClient().PlaceOrderAsync((mug.Id, 1));
        return await app.WithDbAsync(db => db.OutboxEvents.Where(e => e.AggregateId == order.Id).Select(e => e.Id).ToArrayAsync());
    }

    private Task<HttpResponseMessage> AckAsync(string consumer, long[] ids) =>
        app.ServiceClient(Scopes.OutboxRead).PostAsJsonAsync("/api/v1/outbox/events/ack", new AcknowledgeEventsRequest(consumer, ids));
}
