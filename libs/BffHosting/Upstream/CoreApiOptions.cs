using System.ComponentModel.DataAnnotations;

namespace BffPlatform.BffHosting.Upstream;

/// <summary>How a door calls core-api (Refit clients and the YARP pass-through alike). Bound from <c>CoreApi</c>.</summary>
public sealed class CoreApiOptions
{
    public const string SectionName = "CoreApi";

    [Required]
    public string BaseAddress { get; set; } = "http://127.0.0.1:5200/";

    /// <summary>
    /// One try; a slow core-api answers 504 rather than holding the client. Long enough for a
    /// checkout (a transaction over several rows) on a busy two-core machine: a write that times
    /// out may still commit, and the user then retries with the same Idempotency-Key.
    /// </summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>All tries of a call together.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>Retries of GET/HEAD only; writes are never retried.</summary>
    [Range(0, 5)]
    public int MaxRetries { get; set; } = 2;

    /// <summary>Circuit breaker: failure ratio over the sampling window that opens it.</summary>
    [Range(0.01, 1.0)]
    public double BreakerFailureRatio { get; set; } = 0.5;

    [Range(2, 10_000)]
    public int BreakerMinimumThroughput { get; set; } = 10;

    /// <summary>At least twice <see cref="AttemptTimeout"/> (validated), so one slow try can't fill a window.</summary>
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Bulkhead: calls to core-api in flight at once per client type; one more is refused at once
    /// (503) rather than queued behind a core-api that has stopped answering.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxConcurrentCalls { get; set; } = 1000;
}
