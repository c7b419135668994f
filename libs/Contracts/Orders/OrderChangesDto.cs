namespace BffPlatform.Contracts.Orders;

/// <summary>
/// The caller's orders that changed since a sync token, oldest change first, each order once in
/// its latest state. <see cref="Since"/> is the opaque token to send next time; while
/// <see cref="More"/> is true, call again at once with it.
/// </summary>
public sealed record OrderChangesDto(IReadOnlyList<OrderSummaryDto> Orders, string Since, bool More);
