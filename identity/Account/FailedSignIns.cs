using BffPlatform.Identity.Configuration;

namespace BffPlatform.Identity.Account;

/// <summary>
/// Sign-in attempts per account (keyed by the e-mail typed, so a made-up e-mail behaves exactly like
/// a real one) and per device cookie, and the growing wait they impose on untrusted clients.
/// Nothing here locks a user out: it only slows clients that never signed in as that user.
/// In process memory in the embedded default (<see cref="MemoryFailedSignIns"/>); in Redis when
/// <c>Redis:Configuration</c> is set (<see cref="RedisFailedSignIns"/>), so every instance counts together.
/// </summary>
/// <remarks>
/// An attempt is counted before its password is checked and forgotten when it succeeds, so a burst
/// of parallel attempts from many addresses cannot all pass one check together.
/// </remarks>
internal abstract class FailedSignIns
{
    private const int MaxEmailKeyLength = 256;

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
    public abstract ValueTask<TimeSpan?> TryBeginUntrustedAsync(string accountKey, CancellationToken cancellationToken);

    /// <summary>An attempt with a device cookie: counted now and true while that device has failed fewer than the limit.</summary>
    public abstract ValueTask<bool> TryBeginTrustedAsync(string deviceKey, CancellationToken cancellationToken);

    /// <summary>A successful sign-in: its attempts were no guesses.</summary>
    public abstract ValueTask ForgetAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// The wait <paramref name="attempts"/> attempts, the last at <paramref name="lastAttempt"/>, impose
    /// at <paramref name="now"/>: none for the free ones, then the first delay doubled per further
    /// failure, capped (the shift is bounded before it could overflow).
    /// </summary>
    public static TimeSpan? WaitOf(int attempts, DateTimeOffset lastAttempt, DateTimeOffset now, SignInOptions settings)
    {
        var excess = attempts - settings.UntrustedFreeFailures;
        if (attempts == 0 || excess < 0)
        {
            return null;
        }
        var delay = TimeSpan.FromTicks(Math.Min(settings.UntrustedFirstDelay.Ticks << Math.Min(excess, 30), settings.UntrustedMaxDelay.Ticks));
        var wait = lastAttempt + delay - now;
        return wait > TimeSpan.Zero ? wait : null;
    }
}
