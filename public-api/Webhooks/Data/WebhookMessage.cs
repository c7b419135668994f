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
}
