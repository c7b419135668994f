using Microsoft.Extensions.Options;

namespace BffPlatform.CoreApi.Products;

/// <summary>Bound from <c>Catalog</c>.</summary>
public sealed class CatalogOptions
{
    public const string SectionName = "Catalog";

    /// <summary>
    /// How long a cached catalog read may live. Invalidation is exact within one instance;
    /// with several instances this bounds how stale another instance's copy can be.
    /// </summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromMinutes(1);
}

internal sealed class CatalogOptionsValidator : IValidateOptions<CatalogOptions>
{
    public ValidateOptionsResult Validate(string? name, CatalogOptions options) =>
        options.CacheDuration <= TimeSpan.Zero || options.CacheDuration > TimeSpan.FromHours(24)
            ? ValidateOptionsResult.Fail($"{CatalogOptions.SectionName}:CacheDuration must be between 00:00:01 and 24:00:00 (got {options.CacheDuration}).")
            : ValidateOptionsResult.Success;
}
