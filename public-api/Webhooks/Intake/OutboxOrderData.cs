using BffPlatform.Contracts.Orders;

namespace BffPlatform.PublicApi.Webhooks.Intake;

/// <summary>The <c>data</c> of core-api's order events as it writes them (core-api/Outbox/OrderEvents.cs).</summary>
internal sealed record OutboxOrderData(OrderDto Order, OrderStatus? PreviousStatus);
