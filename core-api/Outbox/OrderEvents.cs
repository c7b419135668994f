using System.Text.Json;
using System.Text.Json.Serialization;
using BffPlatform.Contracts.Orders;
using BffPlatform.CoreApi.Data;
using BffPlatform.ServiceDefaults.Telemetry;

namespace BffPlatform.CoreApi.Outbox;

/// <summary>The payload of every order event: the order as it is after the change.</summary>
/// <param name="Order">The order after the change (its <c>version</c> equals the event's aggregate version).</param>
/// <param name="PreviousStatus">The status before the change; null for <c>order.created</c>.</param>
public sealed record OrderEventData(OrderDto Order, OrderStatus? PreviousStatus);

/// <summary>
/// Appends order events to the outbox. It only ADDS to the DbContext: the caller saves the
/// event with the change it describes, in the same SaveChanges (and transaction), so an event
/// exists if and only if its change committed.
/// </summary>
public static class OrderEvents
{
    // The shape consumers read with JsonDefaults.CreateClientOptions: camelCase, enums by name.
    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static OutboxEvent Append(CoreDbContext db, string type, OrderDto order, OrderStatus? previousStatus, DateTimeOffset now)
    {
        // The trace of the request making the change (the caller's, when a door passed its traceparent on).
        var trace = StoredTraceContext.Current;
        var e = new OutboxEvent
        {
            Type = type,
            AggregateId = order.Id,
            AggregateVersion = order.Version,
            OccurredAt = now,
            Data = JsonSerializer.Serialize(new OrderEventData(order, previousStatus), PayloadJson),
            TraceParent = trace?.TraceParent,
            TraceState = trace?.TraceState,
        };
        db.OutboxEvents.Add(e);
        return e;
    }
}
