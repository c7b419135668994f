namespace BffPlatform.BffHosting.RateLimiting;

/// <summary>
/// One quota of a policy over every partition: <see cref="Permits"/> requests per <see cref="Window"/>.
/// Kept in process memory (<see cref="MemoryQuota"/>, the embedded default) or in Redis, shared by every
/// instance of the door (<see cref="RedisQuota"/>, when <c>Redis:Configuration</c> is set).
/// </summary>
internal abstract class Quota(string name, RateLimitQuota quota) : IDisposable
{
    public string Name { get; } = name;
    public int Permits { get; } = quota.Permits;
    public TimeSpan Window { get; } = quota.Window;

    /// <summary>Takes one permit of <paramref name="partition"/>'s quota if one is left.</summary>
    public abstract ValueTask<QuotaAnswer> AcquireAsync(string partition, CancellationToken cancellationToken);

    public abstract void Dispose();
}

/// <summary>
/// What a quota answered: admitted or not, the permits left and the whole seconds (at least 1) until the
/// window ends; <see cref="Unavailable"/> when the quota's store could not be asked (Redis down).
/// </summary>
internal readonly record struct QuotaAnswer(bool Admitted, long Remaining, long ResetSeconds, bool Unavailable = false)
{
    public static QuotaAnswer CouldNotAsk { get; } = new(false, 0, 0, Unavailable: true);
}

/// <summary>Builds a policy's quotas: in memory, or in Redis when it is configured.</summary>
internal delegate Quota QuotaFactory(string policy, string name, RateLimitQuota quota, bool burst);
