namespace BffPlatform.PublicApi.Ping;

/// <summary>
/// What the calling key proves and the limits it runs under. <see cref="RateLimit"/> and
/// <see cref="RateLimitPolicy"/> repeat this answer's <c>RateLimit</c> and <c>RateLimit-Policy</c> headers
/// (null when limiting is off).
/// </summary>
public sealed record PingDto(
    Guid PartnerId,
    string PartnerName,
    Guid KeyId,
    string KeyKind,
    string Environment,
    IReadOnlyList<string> Scopes,
    string Plan,
    IReadOnlyList<QuotaDto> Limits,
    string? RateLimit,
    string? RateLimitPolicy);

/// <summary>One quota of the plan: <see cref="Permits"/> requests per <see cref="WindowSeconds"/>.</summary>
public sealed record QuotaDto(string Name, int Permits, long WindowSeconds);
