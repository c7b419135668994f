using System.Globalization;

namespace BffPlatform.BffHosting.RateLimiting;

/// <summary>
/// What one policy decided for one request: admitted or not, and what to tell the client.
/// <see cref="Remaining"/> is null when the quotas' store could not be asked (Redis down).
/// </summary>
internal sealed record RateLimitDecision(bool Admitted, string Policy, string? Remaining, long? RetryAfterSeconds, bool Unavailable = false);

/// <summary>
/// One policy's quotas, burst first: a request must pass each. They are asked in turn rather than
/// through <c>PartitionedRateLimiter.CreateChained</c> so the answer can name the quota that refused.
/// </summary>
internal sealed class RateLimitQuotas : IDisposable
{
    public const string BurstName = "burst";
    public const string SustainedName = "sustained";
    private readonly Quota[] _quotas;
    private readonly string _policyHeader;

    public RateLimitQuotas(string policyName, RateLimitPolicyOptions policy, QuotaFactory create)
    {
        var quotas = new List<Quota>();
        if (policy.Burst is { } burst) quotas.Add(create(policyName, NameOf(burst, BurstName), burst, burst: true));
        if (policy.Sustained is { } sustained) quotas.Add(create(policyName, NameOf(sustained, SustainedName), sustained, burst: false));
        _quotas = [.. quotas];
        // draft-ietf-httpapi-ratelimit-headers: a list of quota policies, q = quota units, w = window seconds.
        _policyHeader = string.Join(", ", _quotas.Select(q =>
            string.Create(CultureInfo.InvariantCulture, $"\"{q.Name}\";q={q.Permits};w={(long)q.Window.TotalSeconds}")));
    }

    public static string NameOf(RateLimitQuota quota, string fallback) => quota.Name ?? fallback;

    public async ValueTask<RateLimitDecision> AcquireAsync(string partition, CancellationToken cancellationToken)
    {
        var answers = new (Quota Quota, QuotaAnswer Answer)[_quotas.Length];
        for (var i = 0; i < _quotas.Length; i++)
        {
            var quota = _quotas[i];
            var answer = await quota.AcquireAsync(partition, cancellationToken);
            if (answer.Unavailable)
            {
                return new RateLimitDecision(false, _policyHeader, null, null, Unavailable: true);
            }
            if (!answer.Admitted)
            {
                return new RateLimitDecision(false, _policyHeader, Remaining(quota, 0, answer.ResetSeconds), answer.ResetSeconds);
            }
            answers[i] = (quota, answer);
        }
        // The most constraining quota: the fewest requests left; of equals, the one that resets last.
        var tightest = answers.OrderBy(a => a.Answer.Remaining).ThenByDescending(a => a.Answer.ResetSeconds).First();
        return new RateLimitDecision(true, _policyHeader, Remaining(tightest.Quota, tightest.Answer.Remaining, tightest.Answer.ResetSeconds), null);
    }

    public void Dispose()
    {
        foreach (var quota in _quotas) quota.Dispose();
    }

    private static string Remaining(Quota quota, long left, long reset) =>
        string.Create(CultureInfo.InvariantCulture, $"\"{quota.Name}\";r={left};t={reset}");
}
