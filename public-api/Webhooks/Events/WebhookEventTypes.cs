using BffPlatform.Contracts.Orders;

namespace BffPlatform.PublicApi.Webhooks.Events;

/// <summary>
/// The event types partners subscribe to, versioned in their name: a changed payload shape is a new
/// type (<c>.v2</c>) sent beside the old one, never a silent change. Each has a JSON Schema in
/// docs/webhooks/schemas/ (docs/webhook-events.md is the catalogue).
/// </summary>
public static class WebhookEventTypes
{
    public const string OrderCreated = "order.created.v1";
    public const string OrderStatusChanged = "order.status_changed.v1";
    public const string OrderCancelled = "order.cancelled.v1";

    /// <summary>Sent only on request ("send test event"), to any endpoint whatever it subscribes to.</summary>
    public const string Test = "webhook.test.v1";

    /// <summary>What an endpoint may subscribe to.</summary>
    public static readonly IReadOnlyList<string> Subscribable = [OrderCreated, OrderStatusChanged, OrderCancelled];

    /// <summary>The partner-facing type of a core-api outbox event type; null for events partners do not get.</summary>
    public static string? FromOutbox(string outboxType) => outboxType switch
    {
        OrderEventTypes.OrderCreated => OrderCreated,
        OrderEventTypes.OrderStatusChanged => OrderStatusChanged,
        OrderEventTypes.OrderCancelled => OrderCancelled,
        _ => null,
    };
}
