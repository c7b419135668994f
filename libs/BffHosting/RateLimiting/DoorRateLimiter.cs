using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace BffPlatform.BffHosting.RateLimiting;

/// <summary>Every configured policy's quotas, built once from <see cref="RateLimitingOptions"/>.</summary>
internal sealed class DoorRateLimiter(IOptions<RateLimitingOptions> options, QuotaFactory create, DoorRateLimitPartition partition) : IDisposable
{
    /// <summary>The partition of callers no key names (the door's delegate answered null).</summary>
    public const string SharedPartition = "(shared)";
    private readonly Lazy<Dictionary<string, RateLimitQuotas>> _policies = new(() =>
        options.Value.Policies.ToDictionary(p => p.Key, p => new RateLimitQuotas(p.Key, p.Value, create), StringComparer.Ordinal));

    public bool Enabled => options.Value.Enabled;

    public RedisFailureMode RedisFailure => options.Value.RedisFailure;

    public ValueTask<RateLimitDecision> AcquireAsync(DoorRateLimitMetadata metadata, HttpContext context)
    {
        // A picked policy the configuration lacks (a plan staff named before it was configured) falls
        // back to the endpoint's own, rather than failing the request or going unlimited.
        var policy = metadata.PolicyOf?.Invoke(context) is { } picked && _policies.Value.ContainsKey(picked) ? picked : metadata.Policy;
        if (!_policies.Value.TryGetValue(policy, out var quotas))
        {
            throw new InvalidOperationException($"The endpoint asks for rate-limit policy '{policy}', which {RateLimitingOptions.SectionName}:Policies does not define.");
        }
        return quotas.AcquireAsync(partition.KeyOf(context) ?? SharedPartition, context.RequestAborted);
    }

    public void Dispose()
    {
        if (!_policies.IsValueCreated) return;
        foreach (var quotas in _policies.Value.Values) quotas.Dispose();
    }
}

/// <summary>Whose quota a request uses: a user's subject, an API key's id... as the door says.</summary>
internal sealed record DoorRateLimitPartition(Func<HttpContext, string?> KeyOf);
