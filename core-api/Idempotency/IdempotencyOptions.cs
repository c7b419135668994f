using Microsoft.Extensions.Options;

namespace BffPlatform.CoreApi.Idempotency;

/// <summary>Bound from <c>Idempotency</c>.</summary>
public sealed class IdempotencyOptions
{
    public const string SectionName = "Idempotency";

    /// <summary>How long a key keeps its first answer (at least 24 hours: clients retry across outages).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// A claim older than this that never completed belongs to a request that died without
    /// releasing it (process killed); the next request with the key may take it over. If the
    /// original is merely slow, its completion then finds its claim gone and rolls back, so the
    /// takeover can never produce a second order.
    /// </summary>
    public TimeSpan InFlightTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often expired records are deleted.</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromHours(1);
}

internal sealed class IdempotencyOptionsValidator : IValidateOptions<IdempotencyOptions>
{
    public ValidateOptionsResult Validate(string? name, IdempotencyOptions options)
    {
        var failures = new List<string>();
        if (options.Retention < TimeSpan.FromHours(24) || options.Retention > TimeSpan.FromDays(30))
        {
            failures.Add($"{IdempotencyOptions.SectionName}:Retention must be between 1.00:00:00 and 30.00:00:00 (got {options.Retention}).");
        }
        if (options.InFlightTimeout < TimeSpan.FromSeconds(10) || options.InFlightTimeout > TimeSpan.FromHours(1))
        {
            failures.Add($"{IdempotencyOptions.SectionName}:InFlightTimeout must be between 00:00:10 and 01:00:00 (got {options.InFlightTimeout}).");
        }
        if (options.CleanupInterval < TimeSpan.FromMinutes(1) || options.CleanupInterval > TimeSpan.FromHours(24))
        {
            failures.Add($"{IdempotencyOptions.SectionName}:CleanupInterval must be between 00:01:00 and 1.00:00:00 (got {options.CleanupInterval}).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
