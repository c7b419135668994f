using Microsoft.Extensions.Options;

namespace BffPlatform.CoreApi.Products;

/// <summary>Bound from <c>Catalog</c>.</summary>
public sealed class CatalogOptions
{
    public const string SectionName = "Catalog";

    /// <summary>
    /// How long a cached catalog read may live, in memory and in Redis. Invalidation is exact (see
    /// docs/state-inventory.md); this bounds only what nothing could tell: a change committed by an
    /// instance that died before Redis answered again, or an instance cut off from Redis without
    /// its connection dropping.
    /// </summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Scaled out: how long a change waits for every other instance to confirm it has dropped its
    /// copies before the change's request answers. Zero: do not wait (other instances then drop
    /// them within the pub/sub delivery time).
    /// </summary>
    public TimeSpan ConfirmationTimeout { get; set; } = TimeSpan.FromMilliseconds(500);
}

internal sealed class CatalogOptionsValidator : IValidateOptions<CatalogOptions>
{
    public ValidateOptionsResult Validate(string? name, CatalogOptions options)
    {
        var failures = new List<string>();
        if (options.CacheDuration <= TimeSpan.Zero || options.CacheDuration > TimeSpan.FromHours(24))
        {
            failures.Add($"{CatalogOptions.SectionName}:CacheDuration must be between 00:00:01 and 24:00:00 (got {options.CacheDuration}).");
        }
        if (options.ConfirmationTimeout < TimeSpan.Zero || options.ConfirmationTimeout > TimeSpan.FromSeconds(10))
        {
            failures.Add($"{CatalogOptions.SectionName}:ConfirmationTimeout must be between 00:00:00 and 00:00:10 (got {options.ConfirmationTimeout}).");
        }
        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
