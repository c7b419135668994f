using BffPlatform.Identity.Configuration;
using Microsoft.Extensions.Options;

namespace BffPlatform.Identity.Account;

/// <summary>
/// Sign-in attempts per account (keyed by the e-mail typed, so a made-up e-mail behaves exactly like
/// a real one) and per device cookie, and the growing wait they impose on untrusted clients.
/// Nothing here locks a user out: it only slows clients that never signed in as that user.
/// </summary>
/// <remarks>
/// An attempt is counted before its password is checked and forgotten when it succeeds, so a burst
/// of parallel attempts from many addresses cannot all pass one check together. Counts live in this
/// process: one instance holds them all in the embedded default; scaled out, each instance counts alone.
/// </remarks>
internal sealed class FailedSignIns(TimeProvider time, IOptionsMonitor<IdentityServerOptions> options)
{
    private const int MaxEmailKeyLength = 256;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    private SignInOptions Settings => options.CurrentValue.SignIn;

    public static string AccountKey(string email)
    {
        var normalized = email.Trim().ToUpperInvariant();
        return "account:" + normalized[..Math.Min(normalized.Length, MaxEmailKeyLength)];
    }

    public static string DeviceKey(string nonce) => "device:" + nonce;

    /// <summary>
    /// An untrusted client's attempt on an account: counted now and null when it may go ahead,
    /// else how long it must still wait (nothing is counted then).
    /// </summary>
    public TimeSpan? TryBeginUntrusted(string accountKey)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var entry = Live(accountKey, now);
            if (WaitOf(entry, now) is { } wait)
            {
                return wait;
            }
            Count(accountKey, entry, now);
            return null;
        }
    }

    /// <summary>An attempt with a device cookie: counted now and true while that device has failed fewer than the limit.</summary>
    public bool TryBeginTrusted(string deviceKey)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var entry = Live(deviceKey, now);
            if (entry is not null && entry.Attempts >= Settings.DeviceFailureLimit)
            {
                return false;
            }
            Count(deviceKey, entry, now);
            return true;
        }
    }

    /// <summary>A successful sign-in: its attempts were no guesses.</summary>
    public void Forget(string key)
    {
        lock (_gate)
        {
            _entries.Remove(key);
        }
    }

    private void Count(string key, Entry? entry, DateTimeOffset now)
    {
        if (entry is null && _entries.Count >= Settings.MaxTrackedFailures)
        {
            Prune(now);
        }
        _entries[key] = new Entry((entry?.Attempts ?? 0) + 1, now);
    }

    private TimeSpan? WaitOf(Entry? entry, DateTimeOffset now)
    {
        var settings = Settings;
        var excess = (entry?.Attempts ?? 0) - settings.UntrustedFreeFailures;
        if (entry is null || excess < 0)
        {
            return null;
        }
        // The first delay, doubled per further failure, capped (the shift is bounded before it could overflow).
        var delay = TimeSpan.FromTicks(Math.Min(settings.UntrustedFirstDelay.Ticks << Math.Min(excess, 30), settings.UntrustedMaxDelay.Ticks));
        var wait = entry.LastAttempt + delay - now;
        return wait > TimeSpan.Zero ? wait : null;
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
        foreach (var (key, _) in _entries.Where(e => WaitOf(e.Value, now) is null).ToList())
        {
            _entries.Remove(key);
        }
    }

    private sealed record Entry(int Attempts, DateTimeOffset LastAttempt);
}
