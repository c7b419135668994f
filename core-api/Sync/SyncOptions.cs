using Microsoft.Extensions.Options;

namespace BffPlatform.CoreApi.Sync;

/// <summary>Bound from <c>Sync</c>: how long the order change feed honours a sync token.</summary>
public sealed class SyncOptions
{
    public const string SectionName = "Sync";

    /// <summary>
    /// A token issued longer ago than this is 410 sync_token_expired (the app syncs in full). Change
    /// rows superseded by a later change of the same order are pruned once this old.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often superseded change rows past the retention are deleted.</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromHours(1);
}

internal sealed class SyncOptionsValidator : IValidateOptions<SyncOptions>
{
    public ValidateOptionsResult Validate(string? name, SyncOptions options)
    {
        var failures = new List<string>();
        if (options.Retention < TimeSpan.FromHours(1) || options.Retention > TimeSpan.FromDays(365))
        {
            failures.Add($"{SyncOptions.SectionName}:Retention must be between 01:00:00 and 365.00:00:00 (got {options.Retention}).");
        }
        if (options.CleanupInterval < TimeSpan.FromMinutes(1) || options.CleanupInterval > TimeSpan.FromDays(1))
        {
            failures.Add($"{SyncOptions.SectionName}:CleanupInterval must be between 00:01:00 and 1.00:00:00 (got {options.CleanupInterval}).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
