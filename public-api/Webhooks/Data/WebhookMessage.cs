namespace BffPlatform.PublicApi.Webhooks.Data;

/// <summary>
/// One event as partners receive it: its <see cref="Id"/> is the <c>webhook-id</c> of every
/// delivery of it (retries and redeliveries alike), so receivers de-duplicate on it.
/// </summary>
public sealed class WebhookMessage
{
    public string Id { get; set; } = "";

    /// <summary>core-api's outbox event it came from (unique: the intake de-duplicates on it); null for test events.</summary>
    public long? OutboxEventId { get; set; }

    public Guid PartnerId { get; set; }
    public string Environment { get; set; } = "";
    public string Type { get; set; } = "";

    /// <summary>The exact JSON body sent (and signed).</summary>
    public string Payload { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// The W3C <c>traceparent</c> of the change it tells of (core-api's outbox event; for a test event the
    /// partner's request), null when none came: every delivery of it is a span of that trace.
    /// </summary>
    public string? TraceParent { get; set; }

    /// <summary>The <c>tracestate</c> that came with <see cref="TraceParent"/>, if any.</summary>
    public string? TraceState { get; set; }
}
