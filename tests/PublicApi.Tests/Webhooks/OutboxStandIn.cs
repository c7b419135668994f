using System.Text.Json;
using System.Text.Json.Serialization;
using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Orders;
using BffPlatform.Contracts.Outbox;
using BffPlatform.Contracts.Partners;
using BffPlatform.Testing.Processes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BffPlatform.PublicApi.Tests.Webhooks;

/// <summary>
/// core-api's outbox and identity's token endpoint as a real process sees them, on a loopback port:
/// events are handed out oldest first until the consumer acknowledges them, exactly as core-api's
/// <c>/api/v1/outbox/events</c> does, so a test can say which events exist and see what was acknowledged.
/// </summary>
public sealed class OutboxStandIn : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly Lock _gate = new();
    private readonly List<OutboxEventDto> _events = [];
    private readonly HashSet<long> _acknowledged = [];
    private WebApplication? _app;

    public string BaseUrl { get; } = $"http://127.0.0.1:{FreePort.Next()}";

    public int Acknowledged { get { lock (_gate) return _acknowledged.Count; } }

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(BaseUrl);
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/connect/token", () => Results.Json(new { access_token = "stand-in", token_type = "Bearer", expires_in = 3600 }));
        _app.MapGet("/api/v1/outbox/events", (string consumer, int? limit) =>
        {
            lock (_gate)
            {
                var pending = _events.Where(e => !_acknowledged.Contains(e.Id)).OrderBy(e => e.Id).Take(limit ?? 100).ToList();
                return Results.Json(pending, Json);
            }
        });
        _app.MapPost("/api/v1/outbox/events/ack", async (HttpContext context) =>
        {
            var request = await context.Request.ReadFromJsonAsync<AcknowledgeEventsRequest>(Json);
            lock (_gate)
            {
                _acknowledged.UnionWith(request!.EventIds);
            }
            return Results.NoContent();
        });
        await _app.StartAsync();
    }

    /// <summary>An order event as core-api writes it; returns the order's id.</summary>
    public Guid Add(string type, string customerId, bool test = false, OrderStatus status = OrderStatus.Pending, long version = 1, Guid? orderId = null)
    {
        var now = DateTimeOffset.UtcNow;
        var money = new Money(12.5m, "EUR");
        var order = new OrderDto(orderId ?? Guid.NewGuid(), customerId, status,
            [new OrderLineDto(Guid.NewGuid(), "SKU-1", "Widget", money, 1, money)], money, version, now, now, "PO-1", test);
        var data = JsonSerializer.SerializeToElement(new { order, previousStatus = type == OrderEventTypes.OrderCreated ? (OrderStatus?)null : OrderStatus.Pending }, Json);
        lock (_gate)
        {
            _events.Add(new OutboxEventDto(_events.Count + 1, type, order.Id, version, now, data));
        }
        return order.Id;
    }

    public static string Partner(Guid partnerId) => PartnerHeaders.CustomerId(partnerId);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}
