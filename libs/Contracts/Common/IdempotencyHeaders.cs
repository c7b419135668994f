namespace BffPlatform.Contracts.Common;

/// <summary>
/// The headers of idempotent writes, one spelling for every door: a client sends
/// <see cref="Key"/> (rules: <see cref="Orders.OrderLimits.IdempotencyKeyRule"/>) and a stored answer
/// sent again says <see cref="Replayed"/><c>: true</c>.
/// </summary>
public static class IdempotencyHeaders
{
    public const string Key = "Idempotency-Key";
    public const string Replayed = "Idempotency-Replayed";
}
