using System.ComponentModel.DataAnnotations;

namespace BffPlatform.ServiceDefaults.Auth;

public enum TokenProvider
{
    /// <summary>Any OpenID Connect provider (the local identity, Keycloak, ...): ASP.NET Core's JwtBearer.</summary>
    Oidc,
    /// <summary>Microsoft Entra ID: Microsoft.Identity.Web, through the BffPlatform.ServiceDefaults.Entra adapter.</summary>
    Entra,
}

/// <summary>How a service validates bearer tokens. Bound from <c>Authentication:Jwt</c>.</summary>
public sealed class JwtValidationOptions
{
    public const string SectionName = "Authentication:Jwt";

    public TokenProvider Provider { get; set; } = TokenProvider.Oidc;

    /// <summary>
    /// Oidc only: the issuer, e.g. <c>http://127.0.0.1:5100/</c>. Its discovery document gives the keys.
    /// Entra derives its authority from <see cref="Instance"/> and <see cref="TenantId"/> and ignores this.
    /// </summary>
    public string Authority { get; set; } = "";

    /// <summary>The audience this service accepts, e.g. <c>core-api</c> (with Entra, the API's App ID URI; its client id is accepted too).</summary>
    [Required]
    public string Audience { get; set; } = "";

    /// <summary>Only Development may fetch metadata over plain http.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>
    /// Allowed signing algorithms; <c>none</c> and symmetric algorithms are never allowed. Empty means
    /// <see cref="DefaultAlgorithms"/>: a default in the property itself could not be narrowed, because
    /// configuration binding appends the configured elements to an existing array.
    /// </summary>
    public string[] ValidAlgorithms { get; set; } = [];

    /// <summary>Accepted <c>typ</c> headers. Empty means <see cref="DefaultTypes"/>.</summary>
    public string[] ValidTypes { get; set; } = [];

    public static readonly string[] DefaultAlgorithms = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"];

    /// <summary>RFC 9068 access tokens and the plain JWTs Entra and Keycloak send.</summary>
    public static readonly string[] DefaultTypes = ["at+jwt", "JWT"];

    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many validated tokens are remembered (by hash, until they expire) so a repeated token
    /// skips the signature check; 0 turns the cache off. About 2 KB each.
    /// </summary>
    [Range(0, 1_000_000)]
    public int ValidatedTokenCacheSize { get; set; } = 10_000;

    /// <summary>Entra ID only: the directory (tenant) id.</summary>
    public string? TenantId { get; set; }

    /// <summary>Entra ID only: the API's application (client) id.</summary>
    public string? ClientId { get; set; }

    /// <summary>Entra ID only: the cloud instance (another one for national clouds).</summary>
    public string Instance { get; set; } = "https://login.microsoftonline.com/";
}
