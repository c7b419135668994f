using System.ComponentModel.DataAnnotations;

namespace BffPlatform.ServiceDefaults.Auth;

public enum TokenProvider
{
    /// <summary>Any OpenID Connect provider (the local identity, Keycloak, ...): ASP.NET Core's JwtBearer.</summary>
    Oidc,
    /// <summary>Microsoft Entra ID: Microsoft.Identity.Web.</summary>
    Entra,
}

/// <summary>How a service validates bearer tokens. Bound from <c>Authentication:Jwt</c>.</summary>
public sealed class JwtValidationOptions
{
    public const string SectionName = "Authentication:Jwt";

    public TokenProvider Provider { get; set; } = TokenProvider.Oidc;

    /// <summary>The issuer, e.g. <c>http://127.0.0.1:5100/</c>. Its discovery document gives the keys.</summary>
    [Required]
    public string Authority { get; set; } = "";

    /// <summary>The audience this service accepts, e.g. <c>core-api</c>.</summary>
    [Required]
    public string Audience { get; set; } = "";

    /// <summary>Only Development may fetch metadata over plain http.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Allowed signing algorithms; <c>none</c> and symmetric algorithms are never allowed.</summary>
    public string[] ValidAlgorithms { get; set; } = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"];

    /// <summary>Accepted <c>typ</c> headers: RFC 9068 access tokens and the plain JWTs Entra and Keycloak send.</summary>
    public string[] ValidTypes { get; set; } = ["at+jwt", "JWT"];

    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Entra ID only: tenant and the API's application (client) id.</summary>
    public string? TenantId { get; set; }
    public string? ClientId { get; set; }
    public string Instance { get; set; } = "https://login.microsoftonline.com/";
}
