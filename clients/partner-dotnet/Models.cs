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

/// <summary>A receiver to register: an https URL and the event types it wants (order.created.v1, order.status_changed.v1, order.cancelled.v1).</summary>
public sealed record NewWebhookEndpoint(string Url, IReadOnlyList<string> EventTypes, string? Description = null);

public sealed record WebhookEndpoint(Guid Id, string Url, string? Description, IReadOnlyList<string> EventTypes, string Environment, bool Enabled,
    string? DisabledReason, DateTimeOffset? PreviousSecretExpiresAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A registered endpoint and its signing secret (<c>whsec_...</c>), shown this once: keep it for <see cref="WebhookVerifier"/>.</summary>
public sealed record RegisteredWebhookEndpoint(WebhookEndpoint Endpoint, string Secret);

public sealed record TestWebhookQueued(string MessageId, long DeliveryId);
