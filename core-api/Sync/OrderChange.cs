namespace BffPlatform.CoreApi.Sync;

/// <summary>
/// One committed change of one order (placed, status moved, cancelled), numbered in its
/// customer's sequence. Written in the same transaction as the change it records.
/// </summary>
public sealed class OrderChange
{
    public required string CustomerId { get; set; }
    public long Sequence { get; set; }
    public Guid OrderId { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
}

/// <summary>
/// A customer's last change number. Every writer of the customer's orders increments it inside its
/// transaction, so the customer's changes serialise on this row: a change numbered n+1 cannot
/// commit before the change numbered n, and a reader never passes over a change that commits later.
/// </summary>
public sealed class OrderChangeCounter
{
    public required string CustomerId { get; set; }
    public long Sequence { get; set; }
}
