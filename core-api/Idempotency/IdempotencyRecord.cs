namespace BffPlatform.CoreApi.Idempotency;

public enum IdempotencyStatus
{
    InFlight,
    Completed,
}

/// <summary>
/// One <c>Idempotency-Key</c> of one caller. Claimed by an INSERT that the unique
/// (Scope, Key) index arbitrates; completed with the first response, which is replayed.
/// </summary>
public sealed class IdempotencyRecord
{
    public long Id { get; set; }
    /// <summary>Who the key belongs to (user subject or client id), plus the operation.</summary>
    public required string Scope { get; set; }
    public required string Key { get; set; }
    /// <summary>SHA-256 (hex) of what makes the request what it is: method, path and body.</summary>
    public required string RequestHash { get; set; }
    public IdempotencyStatus Status { get; set; } = IdempotencyStatus.InFlight;
    public int? ResponseStatus { get; set; }
    public string? ResponseBody { get; set; }
    public string? ContentType { get; set; }
    /// <summary>The first answer's <c>Location</c> (a 201's), replayed with it.</summary>
    public string? ResponseLocation { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}
