using Microsoft.Extensions.Options;

namespace BffPlatform.PublicApi.Idempotency;

/// <summary>Bound from <c>Idempotency</c>; the same names and bounds as core-api's, so a partner sees one behaviour on every POST.</summary>
public sealed class IdempotencyOptions
{
    public const string SectionName = "Idempotency";

    /// <summary>How long a key keeps its first answer (at least 24 hours: partners retry across outages).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// A claim older than this that never completed belongs to a request that died (process killed);
    /// the next request with the key may take it over. The original, if merely slow, then finds its
    /// claim gone at completion and rolls its change back.
    /// </summary>
    public TimeSpan InFlightTimeout { get; set; } = TimeSpan.FromMinutes(2);
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
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
