using BffPlatform.PublicApi.Webhooks.Data;

namespace BffPlatform.PublicApi.Webhooks.Api;

/// <param name="Url">https, on a public address.</param>
/// <param name="EventTypes">From the event catalogue (docs/webhook-events.md), e.g. <c>order.created.v1</c>.</param>
public sealed record CreateWebhookEndpointRequest(string Url, IReadOnlyList<string> EventTypes, string? Description = null);

/// <summary>Only what is given changes. <c>enabled: true</c> re-enables an endpoint the platform disabled and clears its failure count.</summary>
public sealed record UpdateWebhookEndpointRequest(string? Url = null, IReadOnlyList<string>? EventTypes = null, bool? Enabled = null, string? Description = null);

public sealed record WebhookEndpointDto(
    Guid Id,
    string Url,
    string? Description,
    IReadOnlyList<string> EventTypes,
    string Environment,
    bool Enabled,
    string? DisabledReason,
    DateTimeOffset? PreviousSecretExpiresAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static WebhookEndpointDto From(WebhookEndpoint e, DateTimeOffset now) => new(
        e.Id, e.Url, e.Description, e.EventTypeList, e.Environment, e.Enabled, e.DisabledReason,
        e.PreviousSecretExpiresAt > now ? e.PreviousSecretExpiresAt : null, e.CreatedAt, e.UpdatedAt);
}

/// <param name="Secret">The signing secret (<c>whsec_...</c>), shown this once.</param>
public sealed record CreatedWebhookEndpointDto(WebhookEndpointDto Endpoint, string Secret);

/// <param name="OverlapSeconds">How long the previous secret still signs (both signatures are sent); default <c>Webhooks:SecretRotationOverlap</c>, 0 ends it at once.</param>
public sealed record RotateWebhookSecretRequest(int? OverlapSeconds = null);

/// <param name="Secret">The new signing secret, shown this once.</param>
public sealed record RotatedWebhookSecretDto(string Secret, DateTimeOffset? PreviousSecretExpiresAt);

public sealed record WebhookDeliveryDto(
    long Id,
    string MessageId,
    string EventType,
    DeliveryStatus Status,
    int Attempts,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? LastAttemptAt,
    int? LastStatusCode,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt);

public sealed record TestEventQueuedDto(string MessageId, long DeliveryId);

/// <summary>One send of a delivery: when, what the receiver answered (null: no answer) or why it failed, and how long it took.</summary>
public sealed record WebhookDeliveryAttemptDto(int Number, DateTimeOffset AttemptedAt, int? StatusCode, bool Succeeded, string? Error, int DurationMs);
