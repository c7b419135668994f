using System.Net;

namespace BffPlatform.PartnerClient;

/// <summary>
/// An error answer of the partner API: its status, its stable <see cref="Code"/> (api_key_revoked,
/// insufficient_scope, rate_limited, ...), title and detail, and <see cref="RetryAfter"/> for a 429.
/// </summary>
public sealed class PartnerApiException(HttpStatusCode status, string? code, string? title, string? detail, TimeSpan? retryAfter)
    : Exception($"{(int)status} {code}: {title} {detail}".Trim())
{
    public HttpStatusCode Status { get; } = status;
    public string? Code { get; } = code;
    public string? Title { get; } = title;
    public string? Detail { get; } = detail;
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
