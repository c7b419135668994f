using BffPlatform.Contracts.Common;
using BffPlatform.Contracts.Orders;
using BffPlatform.CoreApi.Data;
using BffPlatform.CoreApi.Paging;
using Microsoft.EntityFrameworkCore;

namespace BffPlatform.CoreApi.Orders;

/// <summary>Order reads and DTO shapes. Provider-neutral LINQ only.</summary>
public static class OrderReads
{
    /// <summary>Keyset position in the list order (CreatedAt desc, Id desc); Id makes the order total.</summary>
    public sealed record ListCursor(DateTimeOffset C, Guid I);

    /// <summary>
    /// A list query; a null CustomerId means everybody's orders (staff and services); Test, when
    /// set, keeps only test (or only live) orders.
    /// </summary>
    public sealed record ListQuery(OrderStatus? Status, string? CustomerId, ListCursor? After, int PageSize, bool? Test = null);

    public static async Task<Page<OrderSummaryDto>> ListAsync(CoreDbContext db, ListQuery query, CancellationToken cancellationToken)
    {
        var orders = db.Orders.AsNoTracking();
        if (query.CustomerId is { } customerId)
        {
            orders = orders.Where(o => o.CustomerId == customerId);
        }
        if (query.Test is { } test)
        {
            orders = orders.Where(o => o.Test == test);
        }
        if (query.Status is { } status)
        {
            orders = orders.Where(o => o.Status == status);
        }
        if (query.After is { } after)
        {
            orders = orders.Where(o => o.CreatedAt < after.C || (o.CreatedAt == after.C && o.Id.CompareTo(after.I) < 0));
        }
        var rows = await SummariesAsync(db, orders.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id).Take(query.PageSize + 1), cancellationToken);
        var items = rows.Take(query.PageSize).ToList();
        var next = rows.Count > query.PageSize
            ? Cursor<ListCursor>.Encode(new ListCursor(items[^1].CreatedAt, items[^1].Id))
            : null;
        return new Page<OrderSummaryDto>(items, next);
    }

    /// <summary>Summaries of these orders, in the query's order (the sync feed and the list share the shape).</summary>
    public static async Task<List<OrderSummaryDto>> SummariesAsync(CoreDbContext db, IQueryable<Order> orders, CancellationToken cancellationToken)
    {
        var rows = await orders
            .Select(o => new
            {
                o.Id, o.CustomerId, o.Status, o.Total, o.Currency, o.CreatedAt, o.UpdatedAt,
                ItemCount = o.Lines.Sum(l => l.Quantity),
                // A service's orders have no user row: the names stay null.
                Customer = db.Users.Where(u => u.Id == o.CustomerId).Select(u => new { u.Name, u.Email }).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return rows
            .Select(o => new OrderSummaryDto(o.Id, o.CustomerId, o.Customer?.Name, o.Customer?.Email, o.Status, o.ItemCount,
                new Money(o.Total, o.Currency), o.CreatedAt, o.UpdatedAt))
            .ToList();
    }

    /// <summary>The order with its lines, tracked (for changes) or not.</summary>
    public static Task<Order?> FindAsync(CoreDbContext db, Guid id, bool tracked, CancellationToken cancellationToken)
    {
        var orders = tracked ? db.Orders : db.Orders.AsNoTracking();
        return orders.Include(o => o.Lines).FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
    }

    public static OrderDto ToDto(Order o) => new(
        o.Id,
        o.CustomerId,
        o.Status,
        o.Lines
            .OrderBy(l => l.Sku, StringComparer.Ordinal)
            .Select(l => new OrderLineDto(l.ProductId, l.Sku, l.Name, new Money(l.UnitPrice, l.Currency), l.Quantity, new Money(l.UnitPrice * l.Quantity, l.Currency)))
            .ToList(),
        new Money(o.Total, o.Currency),
        o.Version,
        o.CreatedAt,
        o.UpdatedAt,
        o.CustomerReference,
        o.Test);
}
