using Microsoft.Extensions.Options;

namespace BffPlatform.BffHosting.RateLimiting;

internal sealed class RateLimitingOptionsValidator : IValidateOptions<RateLimitingOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitingOptions options)
    {
        const string key = RateLimitingOptions.SectionName;
        var failures = new List<string>();
        if (options.Enabled && options.Policies.Count == 0)
        {
            failures.Add($"{key}:Policies must name at least one policy when {key}:Enabled is true.");
        }
        if (!Enum.IsDefined(options.RedisFailure))
        {
            failures.Add($"{key}:RedisFailure must be Open or Closed (got {options.RedisFailure}).");
        }
        foreach (var (policyName, policy) in options.Policies)
        {
            var prefix = $"{key}:Policies:{policyName}";
            if (policy.Burst is null && policy.Sustained is null)
            {
                failures.Add($"{prefix} needs a Burst or a Sustained quota.");
            }
            Check($"{prefix}:Burst", policy.Burst, failures);
            Check($"{prefix}:Sustained", policy.Sustained, failures);
            if (policy.Burst is not null && policy.Sustained is not null
                && RateLimitQuotas.NameOf(policy.Burst, RateLimitQuotas.BurstName) == RateLimitQuotas.NameOf(policy.Sustained, RateLimitQuotas.SustainedName))
            {
                failures.Add($"{prefix}: Burst and Sustained need different names.");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(string prefix, RateLimitQuota? quota, List<string> failures)
    {
        if (quota is null) return;
        if (quota.Permits is < 1 or > 10_000_000) failures.Add($"{prefix}:Permits must be between 1 and 10000000 (got {quota.Permits}).");
        // The headers state windows in whole seconds (w=...).
        if (quota.Window < TimeSpan.FromSeconds(1) || quota.Window.Ticks % TimeSpan.TicksPerSecond != 0 || quota.Window > TimeSpan.FromDays(31))
        {
            failures.Add($"{prefix}:Window must be whole seconds, from 1 s to 31 days (got {quota.Window}).");
        }
        // Emitted as an sf-string inside the headers: keep it to characters that need no escaping.
        if (quota.Name is not null && (quota.Name.Length is 0 or > 32 || !quota.Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            failures.Add($"{prefix}:Name must be 1-32 letters, digits, '-', '_' or '.' (got '{quota.Name}').");
        }
    }
}
