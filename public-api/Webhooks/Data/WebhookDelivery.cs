namespace BffPlatform.PublicApi.Webhooks.Data;

public enum DeliveryStatus
{
    Pending,
    Succeeded,
    Failed,
}

/// <summary>A message on its way to one endpoint, with its retry state and the lease of the dispatcher sending it.</summary>
public sealed class WebhookDelivery
{
    public const int ErrorMaxLength = 512;

    public long Id { get; set; }
    public string MessageId { get; set; } = "";
    public WebhookMessage? Message { get; set; }
    public Guid EndpointId { get; set; }
    public WebhookEndpoint? Endpoint { get; set; }

    public DeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>The claim of the dispatcher sending it now; a claim past <see cref="LeaseExpiresAt"/> is free to take.</summary>
    public Guid? LeaseToken { get; set; }
    public DateTimeOffset? LeaseExpiresAt { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}
