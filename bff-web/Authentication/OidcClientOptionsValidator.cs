using BffPlatform.ServiceDefaults.Options;
using Microsoft.Extensions.Options;

namespace BffPlatform.BffWeb.Authentication;

/// <summary>Refuses start-up, naming the key, when the OIDC client is misconfigured.</summary>
internal sealed class OidcClientOptionsValidator(IHostEnvironment environment) : IValidateOptions<OidcClientOptions>
{
    public ValidateOptionsResult Validate(string? name, OidcClientOptions options)
    {
        const string key = OidcClientOptions.SectionName;
        var failures = new List<string>();
        var development = environment.IsDevelopment();

        if (SecureUrl.Check($"{key}:Authority", options.Authority, environment) is { } insecure)
        {
            failures.Add(insecure);
        }
        else if (options.RequireHttpsMetadata && new Uri(options.Authority).Scheme != Uri.UriSchemeHttps)
        {
            failures.Add($"{key}:Authority is http (got '{options.Authority}'): in Development set {key}:RequireHttpsMetadata=false.");
        }
        if (!options.RequireHttpsMetadata && !development)
        {
            failures.Add($"{key}:RequireHttpsMetadata may be false only in Development.");
        }
        if (string.IsNullOrWhiteSpace(options.ClientId)) failures.Add($"{key}:ClientId is required.");
        if (string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            failures.Add($"{key}:ClientSecret is required (bff-web is a confidential client).");
        }
        else if (!development && options.ClientSecret == OidcClientOptions.DevelopmentSecret)
        {
            failures.Add($"{key}:ClientSecret is the development secret; set a real one outside Development.");
        }
        if (!options.EffectiveScopes.Contains("openid")) failures.Add($"{key}:Scopes must contain 'openid'.");
        if (!options.EffectiveScopes.Contains("offline_access")) failures.Add($"{key}:Scopes must contain 'offline_access' (refresh tokens keep sessions alive).");
        if (!string.IsNullOrEmpty(options.Resource)
            && !(Uri.TryCreate(options.Resource, UriKind.Absolute, out var resource) && !resource.IsFile && string.IsNullOrEmpty(resource.Fragment)))
        {
            // RFC 8707: identity refuses anything else at the authorize endpoint, so every sign-in would fail.
            failures.Add($"{key}:Resource must be an absolute URI when set (got '{options.Resource}'); the core-api scope already names the audience.");
        }
        if (options.ResponseMode is not ("form_post" or "query")) failures.Add($"{key}:ResponseMode must be 'form_post' or 'query'.");
        if (options.RefreshBeforeExpiry < TimeSpan.Zero) failures.Add($"{key}:RefreshBeforeExpiry must not be negative.");
        if (options.LogoutTokenMaxAge <= TimeSpan.Zero) failures.Add($"{key}:LogoutTokenMaxAge must be positive.");

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
