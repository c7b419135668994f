namespace BffPlatform.Contracts.Orders;

/// <summary>Event types written to core-api's outbox (and later sent to partners as webhooks).</summary>
public static class OrderEventTypes
{
    public const string OrderCreated = "order.created";
    public const string OrderStatusChanged = "order.status_changed";
    public const string OrderCancelled = "order.cancelled";
}
