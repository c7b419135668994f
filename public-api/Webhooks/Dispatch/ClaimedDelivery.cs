namespace BffPlatform.PublicApi.Webhooks.Dispatch;

/// <summary>A delivery this dispatcher holds the lease of, with what sending it needs.</summary>
internal sealed record ClaimedDelivery(
    long Id,
    Guid LeaseToken,
    int Attempts,
    DateTimeOffset CreatedAt,
    string MessageId,
    string Payload,
    Guid EndpointId,
    string Url,
    string Secret,
    string? PreviousSecret,
    DateTimeOffset? PreviousSecretExpiresAt,
    string? TraceParent,
    string? TraceState);

/// <summary>What one send came to: the receiver's status code, or why there was none.</summary>
internal sealed record SendResult(int? StatusCode, string? Error, TimeSpan? RetryAfter)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;

    /// <summary>How long the send took (the delivery log shows it per attempt).</summary>
    public TimeSpan Duration { get; init; }
}
