namespace BffPlatform.PublicApi.Webhooks.Data;

/// <summary>
/// One send of a delivery and what the receiver made of it: the delivery log shows every attempt
/// (kept for <see cref="WebhookOptions.Retention"/>), not only the delivery's last one.
/// </summary>
public sealed class WebhookDeliveryAttempt
{
    public long Id { get; set; }
    public long DeliveryId { get; set; }
    /// <summary>1 for the first send; redeliveries are deliveries of their own and count from 1 again.</summary>
    public int Number { get; set; }
    public DateTimeOffset AttemptedAt { get; set; }
    /// <summary>The receiver's status code; null when no answer came (refused, timed out).</summary>
    public int? StatusCode { get; set; }
    public bool Succeeded { get; set; }
    public string? Error { get; set; }
    public int DurationMs { get; set; }
}
