namespace BffPlatform.Contracts.Orders;

/// <summary>Order from explicit lines. Prices are never accepted from the caller.</summary>
/// <remarks><see cref="CustomerReference"/> is a partner's own reference for its customer (partners only).</remarks>
public sealed record CreateOrderRequest(IReadOnlyList<CreateOrderLine> Lines, string? CustomerReference = null);

public sealed record CreateOrderLine(Guid ProductId, int Quantity);

/// <summary>Staff or service move an order to the next status.</summary>
public sealed record ChangeOrderStatusRequest(OrderStatus Status);

public sealed record OrderQuery
{
    /// <summary>
    /// An <see cref="OrderStatus"/> name in any case (the JSON contract spells them in lower case).
    /// A string, not the enum: callers pass through what their clients sent and core-api alone
    /// validates it, answering 400 naming <c>status</c>.
    /// </summary>
    public string? Status { get; init; }
    /// <summary>Staff and service callers only: orders of one customer (the user's id).</summary>
    public string? CustomerId { get; init; }
    public string? Cursor { get; init; }
    public int? PageSize { get; init; }
}

public static class OrderLimits
{
    public const int MaxLines = 50;
    public const int MaxQuantityPerLine = 1000;
    public const int IdempotencyKeyMaxLength = 128;

    /// <summary>What every door accepts as an <c>Idempotency-Key</c>, so a BFF never forwards a key core-api refuses.</summary>
    public static readonly string IdempotencyKeyRule = $"1 to {IdempotencyKeyMaxLength} printable characters without spaces.";

    public static bool IsWellFormedIdempotencyKey(string key) =>
        key.Length is > 0 and <= IdempotencyKeyMaxLength && !key.Any(c => char.IsControl(c) || char.IsWhiteSpace(c));
}
