using BffPlatform.Contracts.Orders;

namespace BffPlatform.CoreApi.Orders;

/// <summary>
/// The order life cycle, with no I/O so every pair can be unit-tested:
/// Pending → Confirmed → Shipped → Delivered, one step at a time; Pending or Confirmed →
/// Cancelled. Delivered and Cancelled are final. Staying in the same status is not a move
/// (a repeated request is refused rather than silently bumping the version and the outbox).
/// </summary>
public static class OrderStatusMachine
{
    /// <summary>Whether staff or a service with <c>orders.admin</c> may move an order from one status to another.</summary>
    public static bool CanMove(OrderStatus from, OrderStatus to) => (from, to) switch
    {
        (OrderStatus.Pending, OrderStatus.Confirmed) => true,
        (OrderStatus.Confirmed, OrderStatus.Shipped) => true,
        (OrderStatus.Shipped, OrderStatus.Delivered) => true,
        (OrderStatus.Pending or OrderStatus.Confirmed, OrderStatus.Cancelled) => true,
        _ => false,
    };

    /// <summary>Whether an order in this status may still be cancelled (by its owner or by staff).</summary>
    public static bool CanCancel(OrderStatus from) => CanMove(from, OrderStatus.Cancelled);

    /// <summary>The statuses reachable from <paramref name="from"/>, for error messages.</summary>
    public static IReadOnlyList<OrderStatus> NextOf(OrderStatus from) =>
        Enum.GetValues<OrderStatus>().Where(to => CanMove(from, to)).ToList();
}
