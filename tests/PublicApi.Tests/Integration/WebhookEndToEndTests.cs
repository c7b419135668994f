using System.Diagnostics;
using BffPlatform.Contracts.Partners;
using BffPlatform.PartnerClient;
using BffPlatform.Testing.Webhooks;

namespace BffPlatform.PublicApi.Tests.Integration;

/// <summary>
/// The whole webhook path through the real services: a partner places an order through public-api (a
/// process), core-api's outbox holds the event, public-api's intake takes it and signs a webhook to a
/// loopback receiver that is down for a while and comes back; the order is cancelled (a second event),
/// public-api is killed and started again in the middle. Every event arrives, signed, and nothing the
/// receiver acknowledged is sent again. And a webhook continues the trace of the partner's request that
/// caused it (the traceparent stored with core-api's outbox event and public-api's message).
/// </summary>
[Collection(PartnerPlatformCollection.Name)]
public sealed class WebhookEndToEndTests(PartnerPlatform platform) : IAsyncLifetime
{
    private readonly WebhookReceiver _receiver = new();

    public Task InitializeAsync() => _receiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task Order_events_reach_a_receiver_that_was_down_across_a_restart_once_acknowledged_and_signed()
    {
        var partner = await platform.CreatePartnerAsync("Webhook end to end");
        var key = (await platform.IssueKeyAsync(partner.Id, ApiKeyKinds.Test, PartnerScopes.All)).Secret;
        using var http = new HttpClient { BaseAddress = new Uri(platform.PublicApiUrl + "/") };
        var api = PartnerApi.V2(http, key);
        var endpoint = await api.RegisterWebhookAsync(new NewWebhookEndpoint(_receiver.Url, ["order.created.v1", "order.cancelled.v1"]), Guid.NewGuid().ToString());
        var product = (await api.ListProductsAsync(pageSize: 1)).Items[0];

        // The receiver is down when the order is placed: the first attempts fail and are retried.
        await _receiver.StopAsync();
        var order = await api.PlaceOrderAsync(new NewOrder([new NewOrderLine(product.Id, 1)], "e2e-1"), Guid.NewGuid().ToString());
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Empty(_receiver.Requests);
        await _receiver.StartAsync();
        var created = await ArrivalAsync("order.created.v1", order.Id);

        // Cancel (retried with its key: the same answer, one cancellation), then kill public-api mid-way.
        var cancelKey = Guid.NewGuid().ToString();
        var cancelled = await api.CancelOrderAsync(order.Id, cancelKey);
        var cancelledAgain = await api.CancelOrderAsync(order.Id, cancelKey);
        Assert.Equal("cancelled", cancelled.Status);
        Assert.Equal(cancelled.Version, cancelledAgain.Version);
        // What the receiver acknowledged is recorded before the kill: the restart must not send it again.
        await AcknowledgedAsync(http, key, endpoint.Endpoint.Id, created.Id);
        await platform.RestartPublicApiAsync();
        var cancellation = await ArrivalAsync("order.cancelled.v1", order.Id);

        // Settle, then count: each event once it was acknowledged, both signed with the endpoint's secret.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var ours = _receiver.Requests.Where(r => r.Body.Contains(order.Id.ToString(), StringComparison.Ordinal)).ToList();
        Assert.Equal(2, ours.Select(r => r.Id).Distinct().Count());
        Assert.Single(ours, r => r.Id == created.Id);
        // The cancellation may have been in flight at the kill: then it comes again, with the same webhook-id.
        Assert.Contains(ours, r => r.Id == cancellation.Id);
        var verifier = new WebhookVerifier(endpoint.Secret);
        Assert.All(ours, r => Assert.Null(verifier.Check(r.Body, r.Id, r.Timestamp, r.Signature)));
    }

    [Fact]
    public async Task A_webhook_continues_the_trace_of_the_partner_request_that_caused_it()
    {
        var partner = await platform.CreatePartnerAsync("Webhook trace");
        var key = (await platform.IssueKeyAsync(partner.Id, ApiKeyKinds.Test, PartnerScopes.All)).Secret;
        using var http = new HttpClient { BaseAddress = new Uri(platform.PublicApiUrl + "/") };
        var api = PartnerApi.V2(http, key);
        var endpoint = await api.RegisterWebhookAsync(new NewWebhookEndpoint(_receiver.Url, ["order.created.v1"]), Guid.NewGuid().ToString());
        var product = (await api.ListProductsAsync(pageSize: 1)).Items[0];

        // The order placed under a trace of the partner's: through public-api and core-api's outbox to the dispatcher.
        var (orderTrace, orderSpan) = (ActivityTraceId.CreateRandom().ToHexString(), ActivitySpanId.CreateRandom().ToHexString());
        using var traced = Traced(orderTrace, orderSpan);
        var order = await PartnerApi.V2(traced, key).PlaceOrderAsync(new NewOrder([new NewOrderLine(product.Id, 1)], "trace-1"), Guid.NewGuid().ToString());
        var created = await ArrivalAsync("order.created.v1", order.Id);
        Assert.Equal(orderTrace, created.TraceId);
        // A span of its own in that trace (the delivery's), not the partner's span handed back.
        Assert.DoesNotContain(orderSpan, created.TraceParent, StringComparison.Ordinal);

        // A test event is caused by the partner's request for it.
        var testTrace = ActivityTraceId.CreateRandom().ToHexString();
        using var tracedTest = Traced(testTrace, ActivitySpanId.CreateRandom().ToHexString());
        var queued = await PartnerApi.V2(tracedTest, key).SendTestWebhookAsync(endpoint.Endpoint.Id, Guid.NewGuid().ToString());
        var test = await ArrivalAsync(r => r.Id == queued.MessageId, $"the test event {queued.MessageId}");
        Assert.Equal(testTrace, test.TraceId);
    }

    /// <summary>
    /// A client to public-api that sends this traceparent: the test process's own propagation is off, so
    /// an activity of the test host cannot replace it.
    /// </summary>
    private HttpClient Traced(string traceId, string spanId) =>
        new(new SocketsHttpHandler { ActivityHeadersPropagator = null })
        {
            BaseAddress = new Uri(platform.PublicApiUrl + "/"),
            DefaultRequestHeaders = { { "traceparent", $"00-{traceId}-{spanId}-01" } },
        };

    private async Task AcknowledgedAsync(HttpClient http, string key, Guid endpointId, string messageId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v2/webhooks/endpoints/{endpointId}/deliveries");
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
            using var response = await http.SendAsync(request);
            var page = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            if (page["items"]!.AsArray().Any(d => d!["messageId"]!.GetValue<string>() == messageId && d["status"]!.GetValue<string>() == "succeeded"))
            {
                return;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"the delivery of {messageId} was never recorded as succeeded.\n{platform.Logs()}");
    }

    private Task<Received> ArrivalAsync(string type, Guid orderId) =>
        ArrivalAsync(r => r.Body.Contains($"\"{type}\"", StringComparison.Ordinal) && r.Body.Contains(orderId.ToString(), StringComparison.Ordinal),
            $"{type} for order {orderId}");

    private async Task<Received> ArrivalAsync(Func<Received, bool> wanted, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_receiver.Requests.FirstOrDefault(wanted) is { } received)
            {
                return received;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"no {what} arrived.\n{platform.Logs()}");
    }
}
