using System.ComponentModel.DataAnnotations;

namespace BffPlatform.Identity.Configuration;

/// <summary>Everything the local identity provider is configured with. Bound from <c>Identity</c>.</summary>
public sealed class IdentityServerOptions
{
    public const string SectionName = "Identity";

    /// <summary>Absolute issuer URL, e.g. <c>http://127.0.0.1:5100/</c>. Tokens carry it as <c>iss</c>.</summary>
    [Required]
    public string Issuer { get; set; } = "";

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan IdentityTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);
    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long a rotated refresh token may still be used. Long enough for two concurrent refreshes of
    /// one session to both succeed, short enough that a stolen, already-rotated token is useless soon:
    /// a use after this revokes the whole token chain. OpenIddict's default is 30 s.
    /// </summary>
    public TimeSpan RefreshTokenReuseLeeway { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Lifetime of the sign-in cookie of identity itself (the SSO session).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    public KeyOptions Keys { get; set; } = new();
    public SignInOptions SignIn { get; set; } = new();
    public ForwardedHeadersSettings ForwardedHeaders { get; set; } = new();

    /// <summary>Origins allowed to call the token endpoint from a browser (core-api's Swagger UI).</summary>
    public string[] TokenEndpointCorsOrigins { get; set; } = [];

    /// <summary>Timeout of each back-channel logout POST.</summary>
    public TimeSpan BackChannelLogoutTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Registered clients by client id: <c>Identity:Clients:bff-web:Secret</c>, ...</summary>
    public Dictionary<string, ClientOptions> Clients { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Seeded demo users. Refused in Production.</summary>
    public List<DemoUserOptions> DemoUsers { get; set; } = [];
}

/// <summary>
/// Signing and encryption keys (RSA, PEM). The first of each list is current; the rest only validate or
/// decrypt. An entry is a file (relative to <see cref="Directory"/>, or absolute) or the PEM itself
/// (<c>Identity__Keys__Signing__0</c> from a Kubernetes Secret). See docs/identity-keys.md.
/// </summary>
public sealed class KeyOptions
{
    /// <summary>
    /// Folder for relative key files (a mounted Kubernetes Secret, scaled out); relative to the repository
    /// root. Empty means <c>keys</c> in identity's data folder (<c>Data:Directory</c> or <c>data/identity</c>).
    /// </summary>
    public string Directory { get; set; } = "";

    /// <summary>
    /// RSA signing keys. A missing first file is generated in the embedded default only (SQLite); with
    /// <c>Database:Provider=Postgres</c> every instance must be given the same keys, and start-up fails
    /// without them. Empty means <c>signing-1.pem</c>. (A default in the property would be kept by
    /// configuration binding, which appends to an existing array: the configured list would never come first.)
    /// </summary>
    public string[] Signing { get; set; } = [];

    /// <summary>RSA encryption keys for refresh tokens and codes. Same rules as <see cref="Signing"/>; empty means <c>encryption-1.pem</c>.</summary>
    public string[] Encryption { get; set; } = [];

    public const string DefaultSigning = "signing-1.pem";
    public const string DefaultEncryption = "encryption-1.pem";
}

/// <summary>
/// Sign-in hardening without a lockout anyone could aim at a victim (OWASP device cookies): a
/// browser that signed in as a user gets a device cookie and keeps signing in; every other client
/// is slowed per account with growing delays after a few failures; and each address is throttled.
/// </summary>
public sealed class SignInOptions
{
    /// <summary>Failed sign-ins per account from clients without its device cookie before delays start.</summary>
    [Range(1, 100)]
    public int UntrustedFreeFailures { get; set; } = 5;

    /// <summary>Wait after the first failure past the free ones; it doubles with each further failure.</summary>
    public TimeSpan UntrustedFirstDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest wait: past it an attacker gets one guess per this interval per account, from any number of addresses.</summary>
    public TimeSpan UntrustedMaxDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long failures are remembered after the last one (per account, and per device cookie).</summary>
    public TimeSpan FailureMemory { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Failures with one device cookie before that device counts as untrusted too (a stolen cookie gets no free guessing).</summary>
    [Range(1, 100)]
    public int DeviceFailureLimit { get; set; } = 5;

    /// <summary>Lifetime of a device cookie; each successful sign-in on the device renews it.</summary>
    public TimeSpan DeviceCookieLifetime { get; set; } = TimeSpan.FromDays(180);

    /// <summary>Accounts and devices with failures kept in memory at most (a flood of made-up e-mails cannot grow it further).</summary>
    [Range(100, 10_000_000)]
    public int MaxTrackedFailures { get; set; } = 100_000;

    /// <summary>Sign-in posts allowed per client IP per <see cref="ThrottleWindow"/>.</summary>
    [Range(1, 100_000)]
    public int ThrottlePermitLimit { get; set; } = 20;
    public TimeSpan ThrottleWindow { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// Reverse proxies whose <c>X-Forwarded-For</c> is believed. Empty (the default): the client's
/// address is the connection's, and the header is ignored, whoever sends it.
/// </summary>
public sealed class ForwardedHeadersSettings
{
    /// <summary>Proxy addresses, e.g. <c>10.0.0.5</c>.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR notation, e.g. <c>10.0.0.0/8</c>.</summary>
    public string[] KnownNetworks { get; set; } = [];
}

public sealed class ClientOptions
{
    public string? DisplayName { get; set; }

    /// <summary>Empty for a public client (no secret, PKCE only).</summary>
    public string? Secret { get; set; }

    /// <summary><c>authorization_code</c>, <c>refresh_token</c>, <c>client_credentials</c>, <c>token_exchange</c>.</summary>
    public string[] Grants { get; set; } = [];
    public string[] Scopes { get; set; } = [];

    /// <summary>
    /// What the client's own tokens (client credentials) may carry, when that is less than
    /// <see cref="Scopes"/>: bff-web signs users in with every shop scope, but its own token only
    /// reads the catalog for visitors. Empty means the API scopes of <see cref="Scopes"/>.
    /// </summary>
    public string[] ClientCredentialsScopes { get; set; } = [];

    public string[] RedirectUris { get; set; } = [];
    public string[] PostLogoutRedirectUris { get; set; } = [];

    /// <summary>
    /// Audiences of the access tokens users get through this client; empty means <c>core-api</c>.
    /// mobile-app lists only <c>bff-mobile</c>: an app cannot skip its door (and the door's limits)
    /// to call core-api, and bff-mobile exchanges the token (RFC 8693) for a core-api one.
    /// </summary>
    public string[] Audiences { get; set; } = [];

    /// <summary>OIDC Back-Channel Logout 1.0 receiver of this client, if any.</summary>
    public string? BackChannelLogoutUri { get; set; }

    public bool IsPublic => string.IsNullOrEmpty(Secret);
}

public sealed class DemoUserOptions
{
    public string Email { get; set; } = "";
    public string Password { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary><c>customer</c> or <c>staff</c>.</summary>
    public string Role { get; set; } = "customer";
}

/// <summary>Grant names used in <see cref="ClientOptions.Grants"/>.</summary>
public static class ClientGrants
{
    public const string AuthorizationCode = "authorization_code";
    public const string RefreshToken = "refresh_token";
    public const string ClientCredentials = "client_credentials";
    public const string TokenExchange = "token_exchange";
    public static readonly string[] All = [AuthorizationCode, RefreshToken, ClientCredentials, TokenExchange];
}
