using System.Net;
using System.Net.Http.Json;
using System.Text;
using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Outbox;
using BffPlatform.CoreApi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BffPlatform.CoreApi.Tests.Outbox;

/// <summary>Refusals of the consumer API; no test here acknowledges anything.</summary>
public sealed class OutboxValidationTests(CoreApiFactory _app) : IClassFixture<CoreApiFactory>
{
    private HttpClient Consumer() => _app.ServiceClient(Scopes.OutboxRead);

    [Theory]
    [InlineData("", "consumer")]
    [InlineData("consumer=bad%20name", "consumer")]
    [InlineData("consumer=webhooks&limit=0", "limit")]
    [InlineData("consumer=webhooks&limit=501", "limit")]
    public async Task Bad_queries_are_400_naming_the_field(string query, string field)
    {
        var response = await Consumer().GetAsync($"/api/v1/outbox/events?{query}");
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Contains(field, problem.ErrorFields());
    }

    [Theory]
    [InlineData("""{"consumer":"webhooks","eventIds":[]}""", "validation_failed", "eventIds")]
    [InlineData("""{"consumer":"webhooks","eventIds":[987654]}""", "validation_failed", "eventIds")]
    [InlineData("""{"consumer":"","eventIds":[1]}""", "validation_failed", "consumer")]
    [InlineData("""{"consumer":"webhooks","eventIds":["one"]}""", "malformed_request", "")]
    [InlineData("""{"consumer":"webhooks"}""", "malformed_request", "")]
    public async Task Bad_acks_are_400_and_record_nothing(string json, string code, string field)
    {
        var response = await Consumer().PostAsync("/api/v1/outbox/events/ack", new StringContent(json, Encoding.UTF8, "application/json"));
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, code);
        if (field.Length > 0)
        {
            Assert.Contains(field, problem.ErrorFields());
        }
        Assert.Equal(0, await _app.WithDbAsync(db => db.OutboxDeliveries.CountAsync()));
    }

    [Fact]
    public async Task Only_outbox_readers_consume()
    {
        var customer = await _app.CustomerClient().GetAsync("/api/v1/outbox/events?consumer=x");
        await customer.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        var other = await _app.ServiceClient(Scopes.OrdersRead).GetAsync("/api/v1/outbox/events?consumer=x");
        await other.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        var ack = await _app.ServiceClient(Scopes.OrdersAdmin).PostAsJsonAsync("/api/v1/outbox/events/ack", new AcknowledgeEventsRequest("x", [1]));
        await ack.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }
}
