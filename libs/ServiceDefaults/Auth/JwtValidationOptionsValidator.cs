using BffPlatform.ServiceDefaults.Options;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BffPlatform.ServiceDefaults.Auth;

/// <summary>Refuses start-up with a message naming the key when bearer validation is misconfigured.</summary>
internal sealed class JwtValidationOptionsValidator(IHostEnvironment environment, IEnumerable<JwtBearerAdapter> adapters)
    : IValidateOptions<JwtValidationOptions>
{
    private static readonly string[] ForbiddenAlgorithms = ["none", "HS256", "HS384", "HS512"];

    public ValidateOptionsResult Validate(string? name, JwtValidationOptions options)
    {
        var key = JwtValidationOptions.SectionName;
        var failures = new List<string>();

        if (options.Provider == TokenProvider.Oidc)
        {
            if (SecureUrl.Check($"{key}:Authority", options.Authority, environment) is { } insecure)
            {
                failures.Add(insecure);
            }
            else if (options.RequireHttpsMetadata && new Uri(options.Authority).Scheme != Uri.UriSchemeHttps)
            {
                failures.Add($"{key}:Authority is http (got '{options.Authority}'): set {key}:RequireHttpsMetadata=false (Development only).");
            }
        }
        else
        {
            if (!adapters.Any(a => a.Provider == options.Provider))
            {
                failures.Add($"{key}:Provider is {options.Provider}, but this service has no {options.Provider} adapter: {JwtBearerAdapter.HowToAdd(options.Provider)}.");
            }
            if (string.IsNullOrWhiteSpace(options.TenantId)) failures.Add($"{key}:TenantId is required for Provider=Entra.");
            if (string.IsNullOrWhiteSpace(options.ClientId)) failures.Add($"{key}:ClientId is required for Provider=Entra.");
            if (!Uri.TryCreate(options.Instance, UriKind.Absolute, out var instance) || instance.Scheme != Uri.UriSchemeHttps)
            {
                failures.Add($"{key}:Instance must be an absolute https URL for Provider=Entra (got '{options.Instance}').");
            }
        }

        if (string.IsNullOrWhiteSpace(options.Audience)) failures.Add($"{key}:Audience is required.");
        if (!options.RequireHttpsMetadata && !environment.IsDevelopment())
        {
            failures.Add($"{key}:RequireHttpsMetadata may be false only in Development.");
        }
        foreach (var alg in options.ValidAlgorithms.Where(a => ForbiddenAlgorithms.Contains(a, StringComparer.OrdinalIgnoreCase)))
        {
            failures.Add($"{key}:ValidAlgorithms must not contain '{alg}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
