using BffPlatform.Contracts.Common;
using BffPlatform.ServiceDefaults.Options;
using Microsoft.Extensions.Options;

namespace BffPlatform.Identity.Configuration;

/// <summary>
/// Refuses start-up on a bad configuration, naming the key. Outside Development it also refuses
/// what only belongs on a developer's machine: an http issuer, demo users and the default
/// <c>-dev-secret</c> client secrets.
/// </summary>
internal sealed class IdentityServerOptionsValidator(IHostEnvironment environment) : IValidateOptions<IdentityServerOptions>
{
    public const string DevSecretSuffix = "-dev-secret";
    private static readonly string[] KnownScopes = ["openid", .. IdentityScopes.All];
    private static readonly string[] Roles = ["customer", "staff"];

    public ValidateOptionsResult Validate(string? name, IdentityServerOptions options)
    {
        const string key = IdentityServerOptions.SectionName;
        var failures = new List<string>();
        var isDevelopment = environment.IsDevelopment();

        if (SecureUrl.Check($"{key}:Issuer", options.Issuer, environment) is { } insecure)
        {
            failures.Add(insecure);
        }

        if (options.RefreshTokenReuseLeeway < TimeSpan.Zero || options.RefreshTokenReuseLeeway > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{key}:RefreshTokenReuseLeeway must be between 00:00:00 and 00:05:00.");
        }
        if (options.AccessTokenLifetime <= TimeSpan.Zero) failures.Add($"{key}:AccessTokenLifetime must be positive.");
        if (options.RefreshTokenLifetime <= TimeSpan.Zero) failures.Add($"{key}:RefreshTokenLifetime must be positive.");
        if (options.SignIn.ThrottleWindow <= TimeSpan.Zero) failures.Add($"{key}:SignIn:ThrottleWindow must be positive.");
        ValidateSignIn(key, options.SignIn, failures);
        ValidateProxies(key, options.ForwardedHeaders, failures);
        foreach (var (list, files) in new[] { ("Signing", options.Keys.Signing), ("Encryption", options.Keys.Encryption) })
        {
            if (files.Select(f => f.Trim()).Distinct(StringComparer.Ordinal).Count() != files.Length) failures.Add($"{key}:Keys:{list} lists a key twice.");
            if (files.Any(string.IsNullOrWhiteSpace)) failures.Add($"{key}:Keys:{list} has an empty entry.");
        }
        if (options.BackChannelLogoutTimeout <= TimeSpan.Zero || options.BackChannelLogoutTimeout > TimeSpan.FromSeconds(30))
        {
            failures.Add($"{key}:BackChannelLogoutTimeout must be between 0 and 30 seconds.");
        }
        foreach (var origin in options.TokenEndpointCorsOrigins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var o) || o.AbsolutePath != "/" || origin.EndsWith('/'))
            {
                failures.Add($"{key}:TokenEndpointCorsOrigins: '{origin}' is not an origin (scheme://host[:port], no path).");
            }
        }

        foreach (var (clientId, client) in options.Clients)
        {
            var prefix = $"{key}:Clients:{clientId}";
            ValidateClient(prefix, clientId, client, isDevelopment, failures);
        }

        if (!isDevelopment && options.DemoUsers.Count > 0)
        {
            failures.Add($"{key}:DemoUsers must be empty outside Development ({string.Join(", ", options.DemoUsers.Select(u => u.Email))}).");
        }
        for (var i = 0; i < options.DemoUsers.Count; i++)
        {
            var user = options.DemoUsers[i];
            if (string.IsNullOrWhiteSpace(user.Email) || !user.Email.Contains('@')) failures.Add($"{key}:DemoUsers:{i}:Email is not an e-mail address.");
            if (string.IsNullOrEmpty(user.Password)) failures.Add($"{key}:DemoUsers:{i}:Password is required.");
            if (!Roles.Contains(user.Role, StringComparer.Ordinal)) failures.Add($"{key}:DemoUsers:{i}:Role must be customer or staff.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateSignIn(string key, SignInOptions signIn, List<string> failures)
    {
        // Nested options are not reached by ValidateDataAnnotations: the ranges are checked here.
        if (signIn.UntrustedFreeFailures is < 1 or > 100) failures.Add($"{key}:SignIn:UntrustedFreeFailures must be between 1 and 100.");
        if (signIn.DeviceFailureLimit is < 1 or > 100) failures.Add($"{key}:SignIn:DeviceFailureLimit must be between 1 and 100.");
        if (signIn.MaxTrackedFailures is < 100 or > 10_000_000) failures.Add($"{key}:SignIn:MaxTrackedFailures must be between 100 and 10000000.");
        if (signIn.UntrustedFirstDelay <= TimeSpan.Zero) failures.Add($"{key}:SignIn:UntrustedFirstDelay must be positive.");
        if (signIn.UntrustedMaxDelay < signIn.UntrustedFirstDelay) failures.Add($"{key}:SignIn:UntrustedMaxDelay must be at least UntrustedFirstDelay.");
        if (signIn.FailureMemory < signIn.UntrustedMaxDelay) failures.Add($"{key}:SignIn:FailureMemory must be at least UntrustedMaxDelay.");
        if (signIn.DeviceCookieLifetime <= TimeSpan.Zero) failures.Add($"{key}:SignIn:DeviceCookieLifetime must be positive.");
    }

    private static void ValidateProxies(string key, ForwardedHeadersSettings proxies, List<string> failures)
    {
        foreach (var proxy in proxies.KnownProxies.Where(p => !System.Net.IPAddress.TryParse(p, out _)))
        {
            failures.Add($"{key}:ForwardedHeaders:KnownProxies: '{proxy}' is not an IP address.");
        }
        foreach (var network in proxies.KnownNetworks.Where(n => !System.Net.IPNetwork.TryParse(n, out _)))
        {
            failures.Add($"{key}:ForwardedHeaders:KnownNetworks: '{network}' is not a network in CIDR notation (10.0.0.0/8).");
        }
    }

    private static void ValidateClient(string prefix, string clientId, ClientOptions client, bool isDevelopment, List<string> failures)
    {
        foreach (var grant in client.Grants.Where(g => !ClientGrants.All.Contains(g, StringComparer.Ordinal)))
        {
            failures.Add($"{prefix}:Grants: unknown grant '{grant}' (use {string.Join(", ", ClientGrants.All)}).");
        }
        foreach (var scope in client.Scopes.Where(s => !KnownScopes.Contains(s, StringComparer.Ordinal)))
        {
            failures.Add($"{prefix}:Scopes: unknown scope '{scope}'.");
        }
        foreach (var scope in client.ClientCredentialsScopes.Where(s => !IdentityScopes.Api.Contains(s, StringComparer.Ordinal)))
        {
            failures.Add($"{prefix}:ClientCredentialsScopes: '{scope}' is not an API scope ({string.Join(", ", IdentityScopes.Api)}).");
        }
        if (client.ClientCredentialsScopes.Length > 0 && !client.Grants.Contains(ClientGrants.ClientCredentials))
        {
            failures.Add($"{prefix}:ClientCredentialsScopes needs the client_credentials grant.");
        }
        var usesCode = client.Grants.Contains(ClientGrants.AuthorizationCode);
        if (usesCode && client.RedirectUris.Length == 0) failures.Add($"{prefix}:RedirectUris is required for authorization_code.");
        if (client.IsPublic && (client.Grants.Contains(ClientGrants.ClientCredentials) || client.Grants.Contains(ClientGrants.TokenExchange)))
        {
            failures.Add($"{prefix}:Secret is required for client_credentials and token_exchange.");
        }
        foreach (var uri in client.RedirectUris.Concat(client.PostLogoutRedirectUris))
        {
            if (!Uri.TryCreate(uri, UriKind.Absolute, out _)) failures.Add($"{prefix}: '{uri}' is not an absolute URI.");
        }
        foreach (var audience in client.Audiences.Where(a => string.IsNullOrWhiteSpace(a) || a.Contains(' ')))
        {
            failures.Add($"{prefix}:Audiences: '{audience}' is not a valid audience.");
        }
        if (client.BackChannelLogoutUri is { Length: > 0 } backChannel)
        {
            if (!Uri.TryCreate(backChannel, UriKind.Absolute, out var b) || (b.Scheme != Uri.UriSchemeHttp && b.Scheme != Uri.UriSchemeHttps))
            {
                failures.Add($"{prefix}:BackChannelLogoutUri must be an absolute http(s) URL.");
            }
        }
        if (!isDevelopment && client.Secret is { } secret && secret.EndsWith(DevSecretSuffix, StringComparison.Ordinal))
        {
            failures.Add($"{prefix}:Secret is a default development secret ('{clientId}{DevSecretSuffix}'); set a real one outside Development.");
        }
    }
}
