using BffPlatform.Contracts.Partners;

namespace BffPlatform.PublicApi.Usage;

/// <summary>
/// Requests and rejections per key and UTC day, kept until <see cref="UsageReporter"/> sends them to
/// core-api as ABSOLUTE counts per reporter id: reporting them again replaces, never adds. In process
/// memory per instance (<see cref="MemoryUsageCounters"/>), or in Redis shared by every instance
/// (<see cref="RedisUsageCounters"/>) when <c>Redis:Configuration</c> is set.
/// </summary>
public abstract class UsageCounters
{
    /// <summary>Counts one request of <paramref name="key"/>; never makes the request wait for a store.</summary>
    public abstract void Count(Guid key, bool rejected);

    /// <summary>Every count to report now, one report per reporter id (at most <see cref="MaxCountsPerReport"/> counts each).</summary>
    public abstract Task<IReadOnlyList<UsageReportRequest>> SnapshotAsync(CancellationToken cancellationToken);

    /// <summary>core-api took every report of the last snapshot, on <paramref name="today"/>.</summary>
    public virtual void Reported(DateOnly today)
    {
    }

    /// <summary>core-api takes at most 1000 counts per report.</summary>
    public const int MaxCountsPerReport = 500;

    protected static IEnumerable<UsageReportRequest> Reports(string reporter, IEnumerable<UsageCountDto> counts) =>
        counts.Chunk(MaxCountsPerReport).Select(chunk => new UsageReportRequest(reporter, chunk));
}
