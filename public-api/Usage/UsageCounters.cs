using System.Collections.Concurrent;
using BffPlatform.Contracts.Partners;

namespace BffPlatform.PublicApi.Usage;

/// <summary>
/// This instance's requests and rejections per key and UTC day, in memory (issue 13 moves live counters
/// to Redis). Counts are absolute for this instance's <see cref="Reporter"/>, so reporting them again
/// replaces, never adds.
/// </summary>
public sealed class UsageCounters(TimeProvider time, Microsoft.Extensions.Options.IOptions<UsageOptions> options)
{
    private readonly ConcurrentDictionary<(Guid Key, DateOnly Day), Counter> _counters = new();

    public string Reporter { get; } = $"{options.Value.ReporterPrefix}-{Environment.MachineName.ToLowerInvariant()}-{Guid.NewGuid():N}";

    public void Count(Guid key, bool rejected)
    {
        var counter = _counters.GetOrAdd((key, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)), _ => new Counter());
        Interlocked.Increment(ref counter.Requests);
        if (rejected) Interlocked.Increment(ref counter.Rejected);
    }

    /// <summary>Every count still kept, as core-api takes them.</summary>
    public IReadOnlyList<UsageCountDto> Snapshot() =>
        [.. _counters.Select(c => new UsageCountDto(c.Key.Key, c.Key.Day, Interlocked.Read(ref c.Value.Requests), Interlocked.Read(ref c.Value.Rejected)))];

    /// <summary>After a report: days before yesterday are final and reported, so they are let go.</summary>
    public void ForgetBefore(DateOnly day)
    {
        foreach (var key in _counters.Keys.Where(k => k.Day < day))
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
