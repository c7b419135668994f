using Microsoft.Extensions.Options;

namespace BffPlatform.BffWeb.Sessions;

/// <summary>Refuses a session cookie that a browser would weaken or drop.</summary>
internal sealed class SessionOptionsValidator : IValidateOptions<BffSessionOptions>
{
    public ValidateOptionsResult Validate(string? name, BffSessionOptions options)
    {
        const string key = BffSessionOptions.SectionName;
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.CookieName) || !options.CookieName.StartsWith("__Host-", StringComparison.Ordinal) || options.CookieName.Length == "__Host-".Length)
        {
            failures.Add($"{key}:CookieName must start with '__Host-' (got '{options.CookieName}').");
        }
        if (options.SameSite != SameSiteMode.Strict) failures.Add($"{key}:SameSite must be Strict (got '{options.SameSite}').");
        if (options.Path != "/") failures.Add($"{key}:Path must be '/' for a __Host- cookie (got '{options.Path}').");
        if (!string.IsNullOrEmpty(options.Domain)) failures.Add($"{key}:Domain must be empty for a __Host- cookie (got '{options.Domain}').");
        if (options.IdleTimeout <= TimeSpan.Zero) failures.Add($"{key}:IdleTimeout must be positive.");
        if (options.AbsoluteLifetime < options.IdleTimeout) failures.Add($"{key}:AbsoluteLifetime must be at least {key}:IdleTimeout.");
        if (options.CleanupInterval <= TimeSpan.Zero) failures.Add($"{key}:CleanupInterval must be positive.");
        if (options.LastSeenResolution < TimeSpan.Zero) failures.Add($"{key}:LastSeenResolution must not be negative.");
        if (options.ReadCacheDuration < TimeSpan.Zero || options.ReadCacheDuration > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{key}:ReadCacheDuration must be between 0 and 00:05:00 (got '{options.ReadCacheDuration}').");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
