namespace BffPlatform.Contracts.Orders;

/// <summary>
/// Pending → Confirmed → Shipped → Delivered, moved by staff or service callers.
/// The owner may cancel while Pending or Confirmed.
/// </summary>
public enum OrderStatus
{
    Pending,
    Confirmed,
    Shipped,
    Delivered,
    Cancelled,
}
