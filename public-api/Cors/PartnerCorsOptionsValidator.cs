using BffPlatform.ServiceDefaults.Options;
using Microsoft.Extensions.Options;

namespace BffPlatform.PublicApi.Cors;

internal sealed class PartnerCorsOptionsValidator(IHostEnvironment environment) : IValidateOptions<PartnerCorsOptions>
{
    public ValidateOptionsResult Validate(string? name, PartnerCorsOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.AllowedOrigins.Length; i++)
        {
            var key = $"{PartnerCorsOptions.SectionName}:AllowedOrigins:{i}";
            var origin = options.AllowedOrigins[i];
            if (SecureUrl.Check(key, origin, environment) is { } insecure)
            {
                failures.Add(insecure);
            }
            // An origin is scheme, host and port: a path, a trailing slash or a wildcard would never match
            // what a browser sends, or would match more than meant.
            else if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.GetLeftPart(UriPartial.Authority) != origin || origin.Contains('*', StringComparison.Ordinal))
            {
                failures.Add($"{key} must be an origin (scheme://host[:port], no path, no wildcard), got '{origin}'.");
            }
        }
        if (options.PreflightMaxAge < TimeSpan.Zero || options.PreflightMaxAge > TimeSpan.FromHours(2))
        {
            failures.Add($"{PartnerCorsOptions.SectionName}:PreflightMaxAge must be between 0 and 2 hours.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
