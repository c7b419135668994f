namespace BffPlatform.BffWeb.Authentication;

/// <summary>How bff-web signs users in at the identity provider. Bound from <c>Oidc</c>.</summary>
public sealed class OidcClientOptions
{
    public const string SectionName = "Oidc";
    public const string DevelopmentSecret = "bff-web-dev-secret";

    /// <summary>The issuer; its discovery document gives every endpoint and the signing keys.</summary>
    public string Authority { get; set; } = "http://127.0.0.1:5100/";

    public string ClientId { get; set; } = "bff-web";

    /// <summary>The confidential client's secret. Development's appsettings holds the dev secret; Production must set its own.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Scopes to request; empty means <see cref="DefaultScopes"/>. (The configuration binder appends to
    /// array defaults, so defaults live apart.)</summary>
    public string[] Scopes { get; set; } = [];

    public static readonly string[] DefaultScopes =
        ["openid", "profile", "email", "roles", "offline_access", "core-api", "catalog.read", "catalog.write", "orders.read", "orders.write", "orders.admin", "partners.admin"];

    public IReadOnlyList<string> EffectiveScopes => Scopes.Length > 0 ? Scopes : DefaultScopes;

    /// <summary>
    /// An RFC 8707 <c>resource</c> to send, which must be an absolute URI. None by default: identity
    /// names core-api as the audience when the <c>core-api</c> scope is requested, and refuses
    /// <c>resource=core-api</c> (not an absolute URI) with invalid_request.
    /// </summary>
    public string? Resource { get; set; }

    /// <summary><c>form_post</c> (default) or <c>query</c>.</summary>
    public string ResponseMode { get; set; } = "form_post";

    /// <summary>Only Development may talk to an http authority.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Fetch name, email and role from the userinfo endpoint after sign-in.</summary>
    public bool GetClaimsFromUserInfoEndpoint { get; set; } = true;

    /// <summary>Refresh the access token when it expires within this window.</summary>
    public TimeSpan RefreshBeforeExpiry { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a back-channel logout token is accepted after its <c>iat</c> (and its <c>jti</c> remembered).</summary>
    public TimeSpan LogoutTokenMaxAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Tolerated clock difference with the identity provider.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);
}
