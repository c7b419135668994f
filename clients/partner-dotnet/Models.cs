namespace BffPlatform.PartnerClient;

/// <summary>One cursor page; pass <see cref="NextCursor"/> back unchanged for the next one (null on the last).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

public sealed record Product<TMoney>(Guid Id, string Sku, string Name, string Description, string Category, TMoney Price, int Stock, bool Active, long Version, DateTimeOffset UpdatedAt);

public sealed record OrderLine<TMoney>(Guid ProductId, string Sku, string Name, TMoney UnitPrice, int Quantity, TMoney LineTotal);

/// <summary><see cref="Status"/>: pending, confirmed, shipped, delivered or cancelled. <see cref="Test"/>: placed with a test key.</summary>
public sealed record Order<TMoney>(Guid Id, string Status, IReadOnlyList<OrderLine<TMoney>> Lines, TMoney Total, long Version,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string? CustomerReference, bool Test);

public sealed record OrderSummary<TMoney>(Guid Id, string Status, int ItemCount, TMoney Total, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record NewOrderLine(Guid ProductId, int Quantity);

/// <summary>An order from lines; <see cref="CustomerReference"/> is your own reference for your customer.</summary>
public sealed record NewOrder(IReadOnlyList<NewOrderLine> Lines, string? CustomerReference = null);

public sealed record Quota(string Name, int Permits, long WindowSeconds);

public sealed record Ping(Guid PartnerId, string PartnerName, Guid KeyId, string KeyKind, string Environment, IReadOnlyList<string> Scopes,
    string Plan, IReadOnlyList<Quota> Limits, string? RateLimit, string? RateLimitPolicy);

public sealed record UsageDay(Guid KeyId, DateOnly Day, long Requests, long Rejected);
