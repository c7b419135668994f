using BffPlatform.ServiceDefaults.Options;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BffPlatform.BffHosting.Tokens;

internal sealed class TokenClientOptionsValidator(IHostEnvironment environment) : IValidateOptions<TokenClientOptions>
{
    public ValidateOptionsResult Validate(string? name, TokenClientOptions options)
    {
        const string key = TokenClientOptions.SectionName;
        var failures = new List<string>();
        if (SecureUrl.Check($"{key}:Authority", options.Authority, environment, allowLoopbackHttp: true) is { } authority) failures.Add(authority);
        if (!string.IsNullOrEmpty(options.TokenEndpoint)
            && SecureUrl.Check($"{key}:TokenEndpoint", options.TokenEndpoint, environment, allowLoopbackHttp: true) is { } endpoint)
        {
            failures.Add(endpoint);
        }
        if (string.IsNullOrWhiteSpace(options.ClientId)) failures.Add($"{key}:ClientId is required.");
        if (string.IsNullOrWhiteSpace(options.ClientSecret)) failures.Add($"{key}:ClientSecret is required (the door is a confidential client).");
        if (string.IsNullOrWhiteSpace(options.Audience)) failures.Add($"{key}:Audience is required.");
        foreach (var scope in options.Scopes.Concat(options.ExchangeScopes).Where(s => string.IsNullOrWhiteSpace(s) || s.Contains(' ')))
        {
            failures.Add($"{key}: '{scope}' is not a scope (one word each).");
        }
        if (options.RefreshBeforeExpiry < TimeSpan.Zero) failures.Add($"{key}:RefreshBeforeExpiry must not be negative.");
        if (options.MaxCachedExchangedTokens < 1) failures.Add($"{key}:MaxCachedExchangedTokens must be at least 1.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
