using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Orders;

namespace BffPlatform.BffMobile.Orders;

/// <summary>An order in a list or a sync: what a row shows.</summary>
public sealed record OrderCardDto(Guid Id, OrderStatus Status, int ItemCount, Money Total, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static OrderCardDto Of(OrderSummaryDto o) => new(o.Id, o.Status, o.ItemCount, o.Total, o.CreatedAt, o.UpdatedAt);
}

/// <summary>An order's page; <see cref="CanCancel"/> says whether to show the cancel button.</summary>
public sealed record OrderDetailDto(
    Guid Id, OrderStatus Status, IReadOnlyList<OrderLineCardDto> Lines, Money Total, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, bool CanCancel)
{
    public static OrderDetailDto Of(OrderDto o) => new(
        o.Id, o.Status, [.. o.Lines.Select(l => new OrderLineCardDto(l.ProductId, l.Name, l.Quantity, l.LineTotal))],
        o.Total, o.CreatedAt, o.UpdatedAt, o.Status is OrderStatus.Pending or OrderStatus.Confirmed);
}

public sealed record OrderLineCardDto(Guid ProductId, string Name, int Quantity, Money LineTotal);

/// <summary>A page of my orders, newest first; <see cref="Next"/> is the next page's cursor, null on the last.</summary>
public sealed record OrderPageDto(IReadOnlyList<OrderCardDto> Items, string? Next)
{
    public static OrderPageDto Of(Page<OrderSummaryDto> page) => new([.. page.Items.Select(OrderCardDto.Of)], page.NextCursor);
}

/// <summary>
/// My orders changed since the last sync, each once in its latest state. Keep <see cref="Since"/> and
/// send it next time; while <see cref="More"/> is true, call again at once.
/// </summary>
public sealed record OrderSyncDto(IReadOnlyList<OrderCardDto> Orders, string Since, bool More)
{
    public static OrderSyncDto Of(OrderChangesDto changes) => new([.. changes.Orders.Select(OrderCardDto.Of)], changes.Since, changes.More);
}
