using System.ComponentModel.DataAnnotations;

namespace BffPlatform.PublicApi.Webhooks;

/// <summary>Partner webhooks: intake from core-api's outbox, dispatch, retries, receivers. Bound from <c>Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>The outbox consumer name public-api reads core-api's order events as.</summary>
    public const string OutboxConsumer = "public-api-webhooks";

    /// <summary>Run the outbox intake in this instance (one or more instances may).</summary>
    public bool IntakeEnabled { get; set; } = true;

    /// <summary>Run the dispatcher in this instance; several dispatchers share the deliveries through leases.</summary>
    public bool DispatchEnabled { get; set; } = true;

    /// <summary>How often the intake asks core-api for new events when the last batch was not full.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    [Range(1, 500)]
    public int IntakeBatchSize { get; set; } = 100;

    /// <summary>How often an idle dispatcher looks for due deliveries.</summary>
    [Range(typeof(TimeSpan), "00:00:00.020", "00:10:00")]
    public TimeSpan DispatchInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Deliveries one dispatcher claims and sends at once.</summary>
    [Range(1, 256)]
    public int MaxConcurrentSends { get; set; } = 16;

    /// <summary>
    /// How long a claimed delivery is this dispatcher's alone. A dispatcher that dies leaves its
    /// claims to expire; the delivery is then sent again with the same <c>webhook-id</c>. At least
    /// twice the connect and request timeouts together (validated), so a slow send never outlives its lease.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Delay before retry n (the last entry repeats). Empty: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (about 27.5 h).</summary>
    public TimeSpan[] RetrySchedule { get; set; } = [];

    /// <summary>Each delay is spread by up to this fraction either way, so failed receivers are not hit in waves.</summary>
    [Range(0.0, 0.5)]
    public double RetryJitter { get; set; } = 0.2;

    /// <summary>Attempts of one delivery before it is given up (the first send included).</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 9;

    /// <summary>A delivery older than this is given up whatever its attempts.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(3);

    /// <summary>A receiver's <c>Retry-After</c> is honoured up to this long.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "2.00:00:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromHours(6);

    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A whole send (connect, request, response headers and a bounded body read).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:02:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>An endpoint that has failed every delivery for this long (and <see cref="DisableAfterFailures"/> times in a row) is disabled.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan DisableAfterFailingFor { get; set; } = TimeSpan.FromDays(5);

    [Range(1, 1_000_000)]
    public int DisableAfterFailures { get; set; } = 20;

    /// <summary>How long the previous secret still signs after a rotation, when the request names no overlap.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan SecretRotationOverlap { get; set; } = TimeSpan.FromHours(24);

    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan MaxSecretRotationOverlap { get; set; } = TimeSpan.FromDays(7);

    [Range(1, 1000)]
    public int MaxEndpointsPerPartner { get; set; } = 20;

    /// <summary>
    /// How long finished deliveries, their messages and every attempt stay in the delivery log (and
    /// can be redelivered); pending deliveries stay until they finish, whatever their age.
    /// </summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "365.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the retention runs (it also deletes expired idempotency records).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Receivers on loopback (127.0.0.0/8, ::1, localhost), over http too: for development and tests
    /// only. Private, link-local and metadata addresses stay refused whatever this says.
    /// </summary>
    public bool AllowLoopbackReceivers { get; set; }

    /// <summary>The retry delays in force: <see cref="RetrySchedule"/>, or the default day-and-more schedule.</summary>
    public IReadOnlyList<TimeSpan> EffectiveRetrySchedule => RetrySchedule.Length > 0 ? RetrySchedule : DefaultRetrySchedule;

    // Applied only when nothing is bound: binding appends to a pre-filled array (PITFALLS.md).
    public static readonly IReadOnlyList<TimeSpan> DefaultRetrySchedule =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
        TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10),
    ];
}
