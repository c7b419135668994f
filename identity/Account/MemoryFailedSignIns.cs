using BffPlatform.Identity.Configuration;
using Microsoft.Extensions.Options;

namespace BffPlatform.Identity.Account;

/// <summary>
/// <see cref="FailedSignIns"/> in this process's memory: the embedded default, where one instance
/// sees every attempt. Bounded by <see cref="SignInOptions.MaxTrackedFailures"/>.
/// </summary>
internal sealed class MemoryFailedSignIns(TimeProvider time, IOptionsMonitor<IdentityServerOptions> options) : FailedSignIns
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    private SignInOptions Settings => options.CurrentValue.SignIn;

    public override ValueTask<TimeSpan?> TryBeginUntrustedAsync(string accountKey, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var entry = Live(accountKey, now);
            if (entry is not null && WaitOf(entry.Attempts, entry.LastAttempt, now, Settings) is { } wait)
            {
                return ValueTask.FromResult<TimeSpan?>(wait);
            }
            Count(accountKey, entry, now);
            return ValueTask.FromResult<TimeSpan?>(null);
        }
    }

    public override ValueTask<bool> TryBeginTrustedAsync(string deviceKey, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var entry = Live(deviceKey, now);
            if (entry is not null && entry.Attempts >= Settings.DeviceFailureLimit)
            {
                return ValueTask.FromResult(false);
            }
            Count(deviceKey, entry, now);
            return ValueTask.FromResult(true);
        }
    }

    public override ValueTask ForgetAsync(string key, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _entries.Remove(key);
        }
        return ValueTask.CompletedTask;
    }

    private void Count(string key, Entry? entry, DateTimeOffset now)
    {
        if (entry is null && _entries.Count >= Settings.MaxTrackedFailures)
        {
            Prune(now);
        }
        _entries[key] = new Entry((entry?.Attempts ?? 0) + 1, now);
    }

    private Entry? Live(string key, DateTimeOffset now) =>
        _entries.TryGetValue(key, out var entry) && !IsForgotten(entry, now) ? entry : null;

    private bool IsForgotten(Entry entry, DateTimeOffset now) => now - entry.LastAttempt >= Settings.FailureMemory;

    /// <summary>Drops forgotten entries; when that is not enough, those imposing no wait now (their counts start again).</summary>
    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, _) in _entries.Where(e => IsForgotten(e.Value, now)).ToList())
        {
            _entries.Remove(key);
        }
        if (_entries.Count < Settings.MaxTrackedFailures)
        {
            return;
        }
        var settings = Settings;
        foreach (var (key, _) in _entries.Where(e => WaitOf(e.Value.Attempts, e.Value.LastAttempt, now, settings) is null).ToList())
        {
            _entries.Remove(key);
        }
    }

    private sealed record Entry(int Attempts, DateTimeOffset LastAttempt);
}
