using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Orders;
using BffPlatform.Contracts.Partners;
using BffPlatform.Contracts.Products;
using BffPlatform.CoreApi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static BffPlatform.CoreApi.Tests.Infrastructure.OrderRequests;
using static BffPlatform.CoreApi.Tests.Infrastructure.PartnerRequests;
using static BffPlatform.CoreApi.Tests.Infrastructure.ProductRequests;

namespace BffPlatform.CoreApi.Tests.Partners;

/// <summary>public-api acting for a partner: who may, what the partner owns and sees, and the sandbox.</summary>
public sealed class PartnerActingTests(CoreApiFactory app) : IClassFixture<CoreApiFactory>
{
    private async Task<ProductDto> ProductAsync(int stock = 10) => (await app.StaffClient().CreateAsync(NewProduct(stock: stock))).Product;

    private static HttpRequestMessage PartnerOrder(Guid productId, int quantity, string? reference = null, string? key = null) =>
        PostOrder(new CreateOrderRequest([new CreateOrderLine(productId, quantity)], reference), key ?? NewKey());

    [Fact]
    public async Task An_order_placed_for_a_partner_is_owned_by_it_carries_its_reference_and_reaches_the_outbox()
    {
        var partner = await app.CreatePartnerAsync();
        var product = await ProductAsync(stock: 10);

        var response = await app.ActingFor(partner.Id).SendAsync(PartnerOrder(product.Id, 2, "cust-42"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var order = await response.ReadJsonAsync<OrderDto>();
        Assert.Equal(PartnerHeaders.CustomerId(partner.Id), order.CustomerId);
        Assert.Equal("cust-42", order.CustomerReference);
        Assert.False(order.Test);
        Assert.Equal(8, await app.StockOfAsync(product.Id));
        var data = await app.WithDbAsync(db => db.OutboxEvents.AsNoTracking().Where(e => e.AggregateId == order.Id).Select(e => e.Data).SingleAsync());
        var payload = JsonDocument.Parse(data).RootElement.GetProperty("order");
        Assert.Equal("cust-42", payload.GetProperty("customerReference").GetString());
        Assert.False(payload.GetProperty("test").GetBoolean());
    }

    [Fact]
    public async Task A_partner_sees_only_its_own_orders_and_another_partner_cannot_read_or_cancel_them()
    {
        var acme = await app.CreatePartnerAsync("Acme");
        var globex = await app.CreatePartnerAsync("Globex");
        var product = await ProductAsync();
        var order = await (await app.ActingFor(acme.Id).SendAsync(PartnerOrder(product.Id, 1))).ReadJsonAsync<OrderDto>();
        var customers = await app.CustomerClient("pat").PlaceOrderAsync((product.Id, 1));

        var own = await (await app.ActingFor(acme.Id).GetAsync("/api/v1/orders")).ReadJsonAsync<Page<OrderSummaryDto>>();
        Assert.Equal([order.Id], own.Items.Select(o => o.Id));
        var theirs = await (await app.ActingFor(globex.Id).GetAsync("/api/v1/orders")).ReadJsonAsync<Page<OrderSummaryDto>>();
        Assert.Empty(theirs.Items);
        // A customerId filter from a partner is ignored, as a customer's is.
        var filtered = await (await app.ActingFor(globex.Id).GetAsync($"/api/v1/orders?customerId={PartnerHeaders.CustomerId(acme.Id)}")).ReadJsonAsync<Page<OrderSummaryDto>>();
        Assert.Empty(filtered.Items);

        await (await app.ActingFor(globex.Id).GetAsync($"/api/v1/orders/{order.Id}")).AssertProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await (await app.ActingFor(globex.Id).PostAsync($"/api/v1/orders/{order.Id}/cancel", null)).AssertProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await (await app.ActingFor(acme.Id).GetAsync($"/api/v1/orders/{customers.Id}")).AssertProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        Assert.Equal(OrderStatus.Pending, (await (await app.ActingFor(acme.Id).GetAsync($"/api/v1/orders/{order.Id}")).ReadJsonAsync<OrderDto>()).Status);
        // Staff see the partner's order.
        Assert.Equal(HttpStatusCode.OK, (await app.StaffClient().GetAsync($"/api/v1/orders/{order.Id}")).StatusCode);
    }

    [Fact]
    public async Task Test_orders_take_no_stock_restock_none_and_live_and_test_never_see_each_other()
    {
        var partner = await app.CreatePartnerAsync();
        var product = await ProductAsync(stock: 3);
        var live = await (await app.ActingFor(partner.Id).SendAsync(PartnerOrder(product.Id, 1))).ReadJsonAsync<OrderDto>();

        var response = await app.ActingFor(partner.Id, PartnerEnvironments.Test).SendAsync(PartnerOrder(product.Id, 2, "sandbox-1"));

        var test = await response.ReadJsonAsync<OrderDto>();
        Assert.True(test.Test);
        Assert.Equal(PartnerHeaders.CustomerId(partner.Id), test.CustomerId);
        Assert.Equal(2, await app.StockOfAsync(product.Id));
        var testList = await (await app.ActingFor(partner.Id, PartnerEnvironments.Test).GetAsync("/api/v1/orders")).ReadJsonAsync<Page<OrderSummaryDto>>();
        Assert.Equal([test.Id], testList.Items.Select(o => o.Id));
        var liveList = await (await app.ActingFor(partner.Id).GetAsync("/api/v1/orders")).ReadJsonAsync<Page<OrderSummaryDto>>();
        Assert.Equal([live.Id], liveList.Items.Select(o => o.Id));
        await (await app.ActingFor(partner.Id).GetAsync($"/api/v1/orders/{test.Id}")).AssertProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await (await app.ActingFor(partner.Id, PartnerEnvironments.Test).GetAsync($"/api/v1/orders/{live.Id}")).AssertProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await (await app.ActingFor(partner.Id).PostAsync($"/api/v1/orders/{test.Id}/cancel", null)).AssertProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);

        var cancelled = await (await app.ActingFor(partner.Id, PartnerEnvironments.Test).PostAsync($"/api/v1/orders/{test.Id}/cancel", null)).ReadJsonAsync<OrderDto>();
        Assert.Equal(OrderStatus.Cancelled, cancelled.Status);
        Assert.Equal(2, await app.StockOfAsync(product.Id));
        var payload = await app.WithDbAsync(db => db.OutboxEvents.AsNoTracking().Where(e => e.AggregateId == test.Id).OrderBy(e => e.Id).Select(e => e.Data).ToListAsync());
        Assert.All(payload, p => Assert.True(JsonDocument.Parse(p).RootElement.GetProperty("order").GetProperty("test").GetBoolean()));
    }

    [Fact]
    public async Task A_test_order_is_still_checked_against_the_catalog()
    {
        var partner = await app.CreatePartnerAsync();
        var before = await app.OrderCountAsync();

        var response = await app.ActingFor(partner.Id, PartnerEnvironments.Test).SendAsync(PartnerOrder(Guid.NewGuid(), 1));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
        Assert.Equal(["lines[0].productId"], problem.ErrorFields());
        Assert.Equal(before, await app.OrderCountAsync());
    }

    [Fact]
    public async Task Idempotency_keys_are_per_partner_and_environment_so_no_partner_replays_anothers_answer()
    {
        var acme = await app.CreatePartnerAsync("Acme");
        var globex = await app.CreatePartnerAsync("Globex");
        var product = await ProductAsync(stock: 10);
        const string key = "shared-key-1";

        var first = await (await app.ActingFor(acme.Id).SendAsync(PartnerOrder(product.Id, 1, key: key))).ReadJsonAsync<OrderDto>();
        var replay = await app.ActingFor(acme.Id).SendAsync(PartnerOrder(product.Id, 1, key: key));
        var other = await app.ActingFor(globex.Id).SendAsync(PartnerOrder(product.Id, 1, key: key));
        var sandbox = await app.ActingFor(acme.Id, PartnerEnvironments.Test).SendAsync(PartnerOrder(product.Id, 1, key: key));

        Assert.Equal("true", replay.Headers.GetValues(IdempotencyHeaders.Replayed).Single());
        Assert.Equal(first.Id, (await replay.ReadJsonAsync<OrderDto>()).Id);
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        Assert.False(other.Headers.Contains(IdempotencyHeaders.Replayed));
        var globexOrder = await other.ReadJsonAsync<OrderDto>();
        Assert.NotEqual(first.Id, globexOrder.Id);
        Assert.Equal(PartnerHeaders.CustomerId(globex.Id), globexOrder.CustomerId);
        Assert.True((await sandbox.ReadJsonAsync<OrderDto>()).Test);
        Assert.Equal(8, await app.StockOfAsync(product.Id));
    }

    public static TheoryData<string> OtherTokens => new() { "bff-web", "internal-tools", "customer", "staff" };

    [Theory]
    [MemberData(nameof(OtherTokens))]
    public async Task A_partner_header_on_any_token_but_public_apis_is_403_and_nothing_happens(string who)
    {
        var partner = await app.CreatePartnerAsync();
        var product = await ProductAsync();
        var client = who switch
        {
            "bff-web" => app.ClientFor(TestTokens.Service("bff-web", Scopes.Audience, Scopes.CatalogRead)),
            "internal-tools" => app.ClientFor(TestTokens.Service("internal-tools", [.. TestTokens.EveryScope.Where(s => s.Contains('.') || s == Scopes.Audience)])),
            "customer" => app.CustomerClient("alice"),
            _ => app.StaffClient(),
        };
        client.WithPartner(partner.Id);
        var before = await app.OrderCountAsync();

        await (await client.GetAsync("/api/v1/products")).AssertProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        if (who != "bff-web")
        {
            await (await client.GetAsync("/api/v1/orders")).AssertProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
            await (await client.SendAsync(PartnerOrder(product.Id, 1))).AssertProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        }
        Assert.Equal(before, await app.OrderCountAsync());
        // The environment header alone is a partner header too.
        var envOnly = app.CustomerClient("alice");
        envOnly.DefaultRequestHeaders.Add(PartnerHeaders.Environment, PartnerEnvironments.Test);
        await (await envOnly.GetAsync("/api/v1/orders")).AssertProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
    }

    [Fact]
    public async Task Public_api_never_acts_as_itself_on_orders()
    {
        var product = await ProductAsync();
        var before = await app.OrderCountAsync();

        await (await app.PublicApiClient().GetAsync("/api/v1/orders")).AssertProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await (await app.PublicApiClient().SendAsync(PartnerOrder(product.Id, 1))).AssertProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);

        Assert.Equal(before, await app.OrderCountAsync());
        // The catalog needs no partner.
        Assert.Equal(HttpStatusCode.OK, (await app.PublicApiClient().GetAsync("/api/v1/products")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_or_inactive_partner_is_403_partner_inactive()
    {
        var partner = await app.CreatePartnerAsync("Sleepy");
        await app.PartnerAdminClient().PutAsJsonAsync($"/api/v1/partners/{partner.Id}", new UpdatePartnerRequest("Sleepy", "free", false));

        await (await app.ActingFor(partner.Id).GetAsync("/api/v1/orders")).AssertProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.PartnerInactive);
        await (await app.ActingFor(Guid.NewGuid()).GetAsync("/api/v1/orders")).AssertProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.PartnerInactive);
    }

    [Fact]
    public async Task A_partner_deactivated_after_acting_is_refused_on_the_next_call()
    {
        var partner = await app.CreatePartnerAsync("Busy");
        Assert.Equal(HttpStatusCode.OK, (await app.ActingFor(partner.Id).GetAsync("/api/v1/orders")).StatusCode);

        await app.PartnerAdminClient().PutAsJsonAsync($"/api/v1/partners/{partner.Id}", new UpdatePartnerRequest("Busy", "free", false));

        await (await app.ActingFor(partner.Id).GetAsync("/api/v1/orders")).AssertProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.PartnerInactive);
    }

    [Fact]
    public async Task A_deactivation_this_instance_did_not_make_holds_within_the_remembered_time()
    {
        // As if another core-api instance deactivated the partner: the row changes behind this one's back.
        var partner = await app.CreatePartnerAsync("Elsewhere");
        Assert.Equal(HttpStatusCode.OK, (await app.ActingFor(partner.Id).GetAsync("/api/v1/orders")).StatusCode);
        await app.WithDbAsync(db => db.Partners.Where(p => p.Id == partner.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.Active, false)));

        Assert.Equal(HttpStatusCode.OK, (await app.ActingFor(partner.Id).GetAsync("/api/v1/orders")).StatusCode);
        app.Time.Advance(BffPlatform.CoreApi.Partners.ActivePartners.Duration);
        await (await app.ActingFor(partner.Id).GetAsync("/api/v1/orders")).AssertProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.PartnerInactive);
    }

    [Theory]
    [InlineData("not-a-guid", PartnerEnvironments.Live, PartnerHeaders.Partner)]
    [InlineData(null, PartnerEnvironments.Live, PartnerHeaders.Partner)]
    [InlineData("{id}", "sandbox", PartnerHeaders.Environment)]
    [InlineData("{id}", "LIVE", PartnerHeaders.Environment)]
    [InlineData("{id}", null, PartnerHeaders.Environment)]
    public async Task Malformed_partner_headers_are_400_naming_the_header(string? id, string? environment, string field)
    {
        var partner = await app.CreatePartnerAsync();
        var client = app.PublicApiClient();
        if (id is not null) client.DefaultRequestHeaders.Add(PartnerHeaders.Partner, id.Replace("{id}", partner.Id.ToString("D")));
        if (environment is not null) client.DefaultRequestHeaders.Add(PartnerHeaders.Environment, environment);

        var problem = await (await client.GetAsync("/api/v1/orders")).AssertProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
        Assert.Equal([field], problem.ErrorFields());
    }

    [Theory]
    [InlineData("")]
    [InlineData(" padded")]
    [InlineData("line\nbreak")]
    public async Task A_bad_customer_reference_is_400_and_nothing_is_created(string reference)
    {
        var partner = await app.CreatePartnerAsync();
        var product = await ProductAsync(stock: 4);
        var before = await app.OrderCountAsync();

        var response = await app.ActingFor(partner.Id).SendAsync(PartnerOrder(product.Id, 1, reference));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
        Assert.Equal(["customerReference"], problem.ErrorFields());
        Assert.Equal(before, await app.OrderCountAsync());
        Assert.Equal(4, await app.StockOfAsync(product.Id));
    }

    [Fact]
    public async Task A_customer_reference_is_for_partners_only()
    {
        var product = await ProductAsync(stock: 4);
        var before = await app.OrderCountAsync();

        var response = await app.CustomerClient().SendAsync(PartnerOrder(product.Id, 1, "my-ref"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
        Assert.Equal(["customerReference"], problem.ErrorFields());
        Assert.Equal(before, await app.OrderCountAsync());
    }

    [Fact]
    public async Task The_order_change_feed_keeps_a_partners_live_and_test_orders_apart()
    {
        var partner = await app.CreatePartnerAsync();
        var product = await ProductAsync();
        var live = await (await app.ActingFor(partner.Id).SendAsync(PartnerOrder(product.Id, 1))).ReadJsonAsync<OrderDto>();
        var test = await (await app.ActingFor(partner.Id, PartnerEnvironments.Test).SendAsync(PartnerOrder(product.Id, 1))).ReadJsonAsync<OrderDto>();

        var liveFeed = await (await app.ActingFor(partner.Id).GetAsync("/api/v1/orders/changes")).ReadJsonAsync<OrderChangesDto>();
        var testFeed = await (await app.ActingFor(partner.Id, PartnerEnvironments.Test).GetAsync("/api/v1/orders/changes")).ReadJsonAsync<OrderChangesDto>();

        Assert.Equal([live.Id], liveFeed.Orders.Select(o => o.Id));
        Assert.Equal([test.Id], testFeed.Orders.Select(o => o.Id));
    }
}
