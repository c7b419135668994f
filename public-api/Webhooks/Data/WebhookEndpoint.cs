namespace BffPlatform.PublicApi.Webhooks.Data;

/// <summary>A partner's receiver: where events of its environment go, and how they are signed.</summary>
public sealed class WebhookEndpoint
{
    public const int UrlMaxLength = 2048;
    public const int DescriptionMaxLength = 256;

    public Guid Id { get; set; }
    public Guid PartnerId { get; set; }

    /// <summary><c>live</c> or <c>test</c>: the environment of the key that registered it; it gets that environment's events only.</summary>
    public string Environment { get; set; } = "";

    public string Url { get; set; } = "";
    public string? Description { get; set; }

    /// <summary>Subscribed event types, space-separated (<see cref="Events.WebhookEventTypes"/>).</summary>
    public string EventTypes { get; set; } = "";

    public bool Enabled { get; set; } = true;

    /// <summary>Why it was disabled when the platform did it (410 from the receiver, persistent failure).</summary>
    public string? DisabledReason { get; set; }

    /// <summary>The signing secret, protected with ASP.NET Core Data Protection.</summary>
    public string Secret { get; set; } = "";

    /// <summary>The secret before the last rotation, still signing until <see cref="PreviousSecretExpiresAt"/>.</summary>
    public string? PreviousSecret { get; set; }
    public DateTimeOffset? PreviousSecretExpiresAt { get; set; }

    /// <summary>Failed attempts since the last success.</summary>
    public int ConsecutiveFailures { get; set; }

    /// <summary>The first failure since the last success; null while it succeeds.</summary>
    public DateTimeOffset? FailingSince { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public IReadOnlyList<string> EventTypeList => EventTypes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
