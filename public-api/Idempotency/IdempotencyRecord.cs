namespace BffPlatform.PublicApi.Idempotency;

public enum IdempotencyStatus
{
    InFlight,
    Completed,
}

/// <summary>
/// One <c>Idempotency-Key</c> of one partner (and environment) for a POST public-api answers itself
/// (the webhook API; order POSTs are kept by core-api). Claimed by an INSERT that the unique
/// (Scope, Key) index arbitrates; completed with the first answer, which is replayed.
/// </summary>
public sealed class IdempotencyRecord
{
    public const int ScopeMaxLength = 200;

    public long Id { get; set; }
    /// <summary><c>partner:&lt;id&gt;:&lt;environment&gt;:&lt;operation&gt;</c>.</summary>
    public required string Scope { get; set; }
    public required string Key { get; set; }
    /// <summary>SHA-256 (hex) of the operation, the path and the canonical body.</summary>
    public required string RequestHash { get; set; }
    public IdempotencyStatus Status { get; set; } = IdempotencyStatus.InFlight;
    public int? ResponseStatus { get; set; }
    /// <summary>The first answer, encrypted with Data Protection: it may hold a signing secret shown once.</summary>
    public string? ResponseBody { get; set; }
    public string? ContentType { get; set; }
    public string? ResponseLocation { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}
