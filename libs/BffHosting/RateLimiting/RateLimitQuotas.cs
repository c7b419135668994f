using System.Globalization;

namespace BffPlatform.BffHosting.RateLimiting;

/// <summary>What one policy decided for one request: admitted or not, and what to tell the client.</summary>
internal sealed record RateLimitDecision(bool Admitted, string Policy, string Remaining, long? RetryAfterSeconds);

/// <summary>
/// One policy's quotas, burst first: a request must pass each. They are asked in turn rather than
/// through <c>PartitionedRateLimiter.CreateChained</c> so the answer can name the quota that refused.
/// </summary>
internal sealed class RateLimitQuotas : IDisposable
{
    public const string BurstName = "burst";
    public const string SustainedName = "sustained";
    private readonly QuotaLimiter[] _quotas;
    private readonly string _policyHeader;

    public RateLimitQuotas(RateLimitPolicyOptions policy, TimeProvider time)
    {
        var quotas = new List<QuotaLimiter>();
        if (policy.Burst is { } burst) quotas.Add(new QuotaLimiter(NameOf(burst, BurstName), burst, burst: true, time));
        if (policy.Sustained is { } sustained) quotas.Add(new QuotaLimiter(NameOf(sustained, SustainedName), sustained, burst: false, time));
        _quotas = [.. quotas];
        // draft-ietf-httpapi-ratelimit-headers: a list of quota policies, q = quota units, w = window seconds.
        _policyHeader = string.Join(", ", _quotas.Select(q =>
            string.Create(CultureInfo.InvariantCulture, $"\"{q.Name}\";q={q.Permits};w={(long)q.Window.TotalSeconds}")));
    }

    public static string NameOf(RateLimitQuota quota, string fallback) => quota.Name ?? fallback;

    public RateLimitDecision Acquire(string partition)
    {
        foreach (var quota in _quotas)
        {
            if (!quota.TryAcquire(partition))
            {
                var reset = quota.SecondsToReset(partition);
                return new RateLimitDecision(false, _policyHeader, Remaining(quota, 0, reset), reset);
            }
        }
        // The most constraining quota: the fewest requests left; of equals, the one that resets last.
        var tightest = _quotas
            .Select(q => (Quota: q, Left: q.Remaining(partition), Reset: q.SecondsToReset(partition)))
            .OrderBy(q => q.Left).ThenByDescending(q => q.Reset)
            .First();
        return new RateLimitDecision(true, _policyHeader, Remaining(tightest.Quota, tightest.Left, tightest.Reset), null);
    }

    public void Dispose()
    {
        foreach (var quota in _quotas) quota.Dispose();
    }

    private static string Remaining(QuotaLimiter quota, long left, long reset) =>
        string.Create(CultureInfo.InvariantCulture, $"\"{quota.Name}\";r={left};t={reset}");
}
