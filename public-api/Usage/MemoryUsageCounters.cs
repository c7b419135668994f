using System.Collections.Concurrent;
using BffPlatform.Contracts.Partners;

namespace BffPlatform.PublicApi.Usage;

/// <summary>
/// The embedded default: this instance's counts in process memory, absolute for this process's own
/// <see cref="Reporter"/> id (random per process: a restarted instance counts from zero again, and
/// reusing an id would overwrite the day's earlier figures). Counts since the last report die with the process.
/// </summary>
public sealed class MemoryUsageCounters(TimeProvider time, Microsoft.Extensions.Options.IOptions<UsageOptions> options) : UsageCounters
{
    private readonly ConcurrentDictionary<(Guid Key, DateOnly Day), Counter> _counters = new();

    public string Reporter { get; } = $"{options.Value.ReporterPrefix}-{Environment.MachineName.ToLowerInvariant()}-{Guid.NewGuid():N}";

    public override void Count(Guid key, bool rejected)
    {
        var counter = _counters.GetOrAdd((key, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)), _ => new Counter());
        Interlocked.Increment(ref counter.Requests);
        if (rejected) Interlocked.Increment(ref counter.Rejected);
    }

    public override Task<IReadOnlyList<UsageReportRequest>> SnapshotAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<UsageReportRequest>>([.. Reports(Reporter,
            _counters.Select(c => new UsageCountDto(c.Key.Key, c.Key.Day, Interlocked.Read(ref c.Value.Requests), Interlocked.Read(ref c.Value.Rejected))))]);

    /// <summary>Days before yesterday are final and reported, so they are let go.</summary>
    public override void Reported(DateOnly today)
    {
        foreach (var key in _counters.Keys.Where(k => k.Day < today.AddDays(-1)))
        {
            _counters.TryRemove(key, out _);
        }
    }

    private sealed class Counter
    {
        public long Requests;
        public long Rejected;
    }
}
